/** The login function's clients: DynamoDB (tenants, transactions) and Okta's discovery. No KMS. */
import { loadConfig } from '../core/config.js';
import { systemClock } from '../core/ports.js';
import { createDocumentClient } from '../adapters/dynamo-client.js';
import { DynamoDirectoryStore } from '../adapters/dynamo-directory.js';
import { DynamoTransactionStore } from '../adapters/dynamo-transactions.js';
import { processLog } from '../adapters/logger.js';
import { OpenIdConnect } from '../adapters/oidc.js';

export function wireLogin() {
  const config = loadConfig();
  const doc = createDocumentClient({ endpoint: config.dynamodbEndpoint });
  return {
    config,
    directory: new DynamoDirectoryStore(doc, config.directoryTable),
    transactions: new DynamoTransactionStore(doc, config.loginTable),
    idp: new OpenIdConnect({ timeoutSeconds: config.idpTimeoutSeconds }),
    clock: systemClock,
    log: processLog(),
  };
}
