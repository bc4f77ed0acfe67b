/** What every function that talks to DynamoDB starts from: its configuration, one document client, the process log. */
import { loadConfig, type Config } from '../core/config.js';
import { createDocumentClient } from '../adapters/dynamo-client.js';
import { processLog } from '../adapters/logger.js';

export function basics() {
  const config = loadConfig();
  return { config, doc: createDocumentClient({ endpoint: config.dynamodbEndpoint }), log: processLog() };
}

/**
 * Whether this is a local run (`BASE_DOMAIN` localhost, plain http): only then may the
 * functions call a loopback identity provider (the dev Okta). In AWS, never.
 */
export const localDevelopment = (config: Pick<Config, 'scheme'>): boolean => config.scheme === 'http';
