/** The login function's clients: DynamoDB (tenants, transactions) and Okta's discovery. No KMS. */
import { systemClock } from '../core/ports.js';
import { DynamoDirectoryStore } from '../adapters/dynamo-directory.js';
import { DynamoTransactionStore } from '../adapters/dynamo-transactions.js';
import { OpenIdConnect } from '../adapters/oidc.js';
import { basics, localDevelopment } from './basics.js';

export function wireLogin() {
  const { config, doc, log } = basics();
  return {
    config,
    directory: new DynamoDirectoryStore(doc, config.directoryTable),
    transactions: new DynamoTransactionStore(doc, config.loginTable),
    idp: new OpenIdConnect({ timeoutSeconds: config.idpTimeoutSeconds, allowLoopback: localDevelopment(config) }),
    clock: systemClock,
    log,
  };
}
