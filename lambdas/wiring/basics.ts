/** What every function that talks to DynamoDB starts from: its configuration, one document client, the process log. */
import { loadConfig } from '../core/config.js';
import { createDocumentClient } from '../adapters/dynamo-client.js';
import { processLog } from '../adapters/logger.js';

export function basics() {
  const config = loadConfig();
  return { config, doc: createDocumentClient({ endpoint: config.dynamodbEndpoint }), log: processLog() };
}
