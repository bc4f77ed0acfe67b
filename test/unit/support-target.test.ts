/** Where the CLI writes: --local's stack file, DYNAMODB_ENDPOINT, and the public base domain. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '../../lambdas/dev/embedded-dynamodb.js';
import { CliError, EXIT } from '../../lambdas/support/context.js';
import { openTarget } from '../../lambdas/support/target.js';

async function failure(promise: Promise<unknown>): Promise<CliError> {
  const e = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CliError);
  return e as CliError;
}

describe('openTarget', () => {
  let dynamo: EmbeddedDynamo;
  beforeAll(async () => void (dynamo = await startEmbeddedDynamo()));
  afterAll(async () => dynamo?.close());

  it('refuses a stack file that is not JSON or does not describe a stack', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'target-'));
    mkdirSync(join(cwd, '.data'));
    writeFileSync(join(cwd, '.data', 'local-stack.json'), '{not json');
    expect((await failure(openTarget({ local: true, env: {}, cwd }))).message).toMatch(/is not valid JSON; restart `npm start`/);
    writeFileSync(join(cwd, '.data', 'local-stack.json'), JSON.stringify({ dynamodbEndpoint: 'nope' }));
    expect((await failure(openTarget({ local: true, env: {}, cwd }))).message).toMatch(/does not describe a local stack/);
  });

  it('refuses a DYNAMODB_ENDPOINT or BASE_DOMAIN that is not well formed, as a usage error', async () => {
    const e = await failure(openTarget({ local: false, env: { DYNAMODB_ENDPOINT: 'not a url' }, cwd: '.' }));
    expect(e).toMatchObject({ exitCode: EXIT.USAGE, message: 'DYNAMODB_ENDPOINT must be a URL, got "not a url"' });
    const d = await failure(openTarget({ local: false, env: { DYNAMODB_ENDPOINT: dynamo.endpoint, BASE_DOMAIN: 'https://x' }, cwd: '.' }));
    expect(d.message).toMatch(/^BASE_DOMAIN must be a host name/);
  });

  it('uses DYNAMODB_ENDPOINT with the default table names and BASE_DOMAIN for tenant addresses', async () => {
    const target = await openTarget({
      local: false,
      env: { DYNAMODB_ENDPOINT: dynamo.endpoint, BASE_DOMAIN: 'sso.example.org' },
      cwd: '.',
    });
    try {
      expect(target.description).toBe(`DynamoDB at ${dynamo.endpoint}`);
      expect(target.tenantOrigin('acme')).toBe('https://acme.sso.example.org');
      expect(await target.directory.listTenants()).toEqual([]);
    } finally {
      target.close();
    }
    const defaults = await openTarget({ local: false, env: { DYNAMODB_ENDPOINT: dynamo.endpoint }, cwd: '.' });
    expect(defaults.tenantOrigin('acme')).toBe('https://acme.impero.com');
    defaults.close();
  });
});
