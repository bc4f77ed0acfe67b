/**
 * The session function's clients: DynamoDB (sessions, tenants, accounts), Okta (logout-token
 * keys, end_session_endpoint) and the public halves of the two keys. No signing, no secrets.
 */
import { loadConfig } from '../core/config.js';
import { systemClock } from '../core/ports.js';
import { createDocumentClient } from '../adapters/dynamo-client.js';
import { DynamoDirectoryStore } from '../adapters/dynamo-directory.js';
import { DynamoSessionStore } from '../adapters/dynamo-sessions.js';
import { processLog } from '../adapters/logger.js';
import { OpenIdConnect } from '../adapters/oidc.js';
import { eventRecorder } from './events.js';
import { clientAssertionSigner, sessionSigner } from './keys.js';

export function wireSession() {
  const config = loadConfig();
  const doc = createDocumentClient({ endpoint: config.dynamodbEndpoint });
  const log = processLog();
  return {
    config,
    directory: new DynamoDirectoryStore(doc, config.directoryTable),
    sessions: new DynamoSessionStore(doc, config.sessionTable),
    idp: new OpenIdConnect({ timeoutSeconds: config.idpTimeoutSeconds }),
    signer: sessionSigner(config),
    clientAssertionSigner: clientAssertionSigner(config),
    clock: systemClock,
    log,
    events: eventRecorder(doc, config, log),
  };
}
