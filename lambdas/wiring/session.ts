/**
 * The session function's clients: DynamoDB (sessions, tenants, accounts), Okta (logout-token
 * keys, end_session_endpoint) and the public halves of the two keys. No signing, no secrets.
 */
import { systemClock } from '../core/ports.js';
import { DynamoDirectoryStore } from '../adapters/dynamo-directory.js';
import { DynamoSessionStore } from '../adapters/dynamo-sessions.js';
import { OpenIdConnect } from '../adapters/oidc.js';
import { basics, localDevelopment } from './basics.js';
import { eventRecorder } from './events.js';
import { clientAssertionSigner, sessionSigner } from './keys.js';

export function wireSession() {
  const { config, doc, log } = basics();
  return {
    config,
    directory: new DynamoDirectoryStore(doc, config.directoryTable),
    sessions: new DynamoSessionStore(doc, config.sessionTable),
    idp: new OpenIdConnect({ timeoutSeconds: config.idpTimeoutSeconds, allowLoopback: localDevelopment(config) }),
    signer: sessionSigner(config),
    clientAssertionSigner: clientAssertionSigner(config),
    clock: systemClock,
    log,
    events: eventRecorder(doc, config, log),
  };
}
