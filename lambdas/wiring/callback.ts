/** The callback function's clients: DynamoDB (with events), Okta, and the three keys a code redemption may need. */
import { loadConfig } from '../core/config.js';
import { systemClock } from '../core/ports.js';
import { createDocumentClient } from '../adapters/dynamo-client.js';
import { DynamoDirectoryStore } from '../adapters/dynamo-directory.js';
import { DynamoSessionStore } from '../adapters/dynamo-sessions.js';
import { DynamoTransactionStore } from '../adapters/dynamo-transactions.js';
import { processLog } from '../adapters/logger.js';
import { OpenIdConnect } from '../adapters/oidc.js';
import { eventRecorder } from './events.js';
import { clientAssertionSigner, secretBox, sessionSigner } from './keys.js';

export function wireCallback() {
  const config = loadConfig();
  const doc = createDocumentClient({ endpoint: config.dynamodbEndpoint });
  const log = processLog();
  return {
    config,
    directory: new DynamoDirectoryStore(doc, config.directoryTable),
    transactions: new DynamoTransactionStore(doc, config.loginTable),
    sessions: new DynamoSessionStore(doc, config.sessionTable),
    idp: new OpenIdConnect({ timeoutSeconds: config.idpTimeoutSeconds }),
    signer: sessionSigner(config),
    secrets: secretBox(config),
    clientAssertionSigner: clientAssertionSigner(config),
    clock: systemClock,
    log,
    events: eventRecorder(doc, config, log),
  };
}
