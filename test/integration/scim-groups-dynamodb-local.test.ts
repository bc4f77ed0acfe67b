/** SCIM Groups over real HTTP with the whole product on AWS DynamoDB Local: the suite is scim-groups-suite.ts. */
import { describe } from 'vitest';
import { TABLE_ENV } from '../../lambdas/names.js';
import { uniqueTableNames } from '../fixtures/dynamodb.js';
import { javaMissing, startDynamoDbLocal } from '../fixtures/dynamodb-local.js';
import { startTestStack } from '../fixtures/stack.js';
import { scimGroupsSuite } from './scim-groups-suite.js';

/** Tables of its own: the run shares one DynamoDB Local. */
function ownTables(): Record<string, string> {
  const names = uniqueTableNames();
  return Object.fromEntries((Object.keys(TABLE_ENV) as (keyof typeof TABLE_ENV)[]).map((key) => [TABLE_ENV[key], names[key]]));
}

const name = 'on AWS DynamoDB Local';
describe.skipIf(javaMissing !== undefined)(javaMissing ? `${name} — skipped: ${javaMissing}` : name, () =>
  scimGroupsSuite(async (env) => startTestStack({ ...env, ...ownTables() }, { dynamodbEndpoint: (await startDynamoDbLocal()).endpoint })),
);
