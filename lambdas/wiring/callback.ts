/** The callback function's clients: DynamoDB (with events), Okta, and the three keys a code redemption may need. */
import { systemClock } from '../core/ports.js';
import { DynamoDirectoryStore } from '../adapters/dynamo-directory.js';
import { DynamoSessionStore } from '../adapters/dynamo-sessions.js';
import { DynamoTransactionStore } from '../adapters/dynamo-transactions.js';
import { OpenIdConnect } from '../adapters/oidc.js';
import { basics, localDevelopment } from './basics.js';
import { eventRecorder } from './events.js';
import { clientAssertionSigner, secretBox, sessionSigner } from './keys.js';

export function wireCallback() {
  const { config, doc, log } = basics();
  return {
    config,
    directory: new DynamoDirectoryStore(doc, config.directoryTable),
    transactions: new DynamoTransactionStore(doc, config.loginTable),
    sessions: new DynamoSessionStore(doc, config.sessionTable),
    idp: new OpenIdConnect({ timeoutSeconds: config.idpTimeoutSeconds, allowLoopback: localDevelopment(config) }),
    signer: sessionSigner(config),
    secrets: secretBox(config),
    clientAssertionSigner: clientAssertionSigner(config),
    clock: systemClock,
    log,
    events: eventRecorder(doc, config, log),
  };
}
