/**
 * The real binary (bin/cli.ts, bundled once per run) in child processes: exit codes, the one stderr line,
 * `--json`, and each way of finding the tables: DYNAMODB_ENDPOINT (tables created if
 * missing), --local (a running `npm start`'s .data/local-stack.json), and AWS (the stack's
 * CloudFormation outputs, from a loopback stand-in for the CloudFormation API).
 * Kept to a few runs: each process start costs about a third of a second.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Tenant } from '../../lambdas/core/model.js';
import { startLocalStack } from '../../lambdas/dev/local-stack.js';
import { startOktaIdp, type OktaIdp } from '../../lambdas/dev/okta-idp.js';
import { DEMO } from '../../lambdas/dev/seed.js';
import { closedPort, endpointEnv, runBinary, runCliInProcess, tableState } from '../fixtures/cli.js';
import { startTestDynamo, type TestDynamo } from '../fixtures/dynamodb.js';
import { freshFunctionModules } from '../fixtures/stack.js';

const CLIENT = '0oaacme0000000000001';

describe('the support CLI binary', () => {
  let db: TestDynamo;
  let idp: OktaIdp;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await startTestDynamo();
    idp = await startOktaIdp({ port: 0, clients: [{ clientId: CLIENT, redirectUris: ['https://acme.impero.com/auth/callback'] }] });
    env = endpointEnv(db);
    await db.directory.createTenant(
      { subdomain: 'seeded', name: 'Seeded', issuer: 'https://seeded.okta.com', clientId: CLIENT, domains: [] },
      new Date(),
    );
  });
  afterAll(async () => {
    await idp?.close();
    await db?.close();
  });

  it('prints help for every level and exits 0', async () => {
    const r = await runBinary(['tenant', 'add', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: cli tenant add \[options\]/);
    for (const option of ['--subdomain', '--okta-org', '--client-id', '--name', '--domain', '--no-verify', '--json', '--local'])
      expect(r.stdout).toContain(option);
  });

  it('adds a verified tenant and prints the config sheet; --json lists it', async () => {
    const add = await runBinary(
      ['tenant', 'add', '--subdomain', 'acme', '--okta-org', idp.issuer, '--client-id', CLIENT, '--domain', 'acme.com'],
      { env },
    );
    expect(add.code).toBe(0);
    expect(add.stderr).toBe('');
    expect(add.stdout).toMatch(/✓ client/);
    expect(add.stdout).toContain('Sign-in redirect URI   https://acme.impero.com/auth/callback');
    const list = await runBinary(['--json', 'tenant', 'list'], { env });
    expect(list.json<Tenant[]>().map((t) => t.subdomain)).toEqual(['acme', 'seeded']);
  });

  it('exits 2 with one line and no output on bad input, 1 on an unknown tenant; nothing changes', async () => {
    const before = await tableState(db);
    const bad = await runBinary(['tenant', 'add', '--subdomain', 'Not_Valid', '--okta-org', 'x.okta.com', '--client-id', CLIENT], { env });
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderrLines).toEqual([expect.stringMatching(/^error: --subdomain "Not_Valid" is not valid/)]);
    const missing = await runBinary(['tenant', 'remove', 'nobody', '--yes'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderrLines).toEqual(['error: tenant "nobody" does not exist']);
    expect(await tableState(db)).toBe(before);
  });

  it('exits 1 and writes nothing when the Okta org does not answer', async () => {
    const before = await tableState(db);
    const r = await runBinary(
      ['tenant', 'add', '--subdomain', 'gone', '--okta-org', `http://127.0.0.1:${await closedPort()}`, '--client-id', CLIENT],
      { env },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ discovery .*connection refused/);
    expect(r.stderrLines).toEqual([expect.stringMatching(/^error: self-test of http:\/\/127\.0\.0\.1:\d+ failed \(discovery\)/)]);
    expect(await tableState(db)).toBe(before);
  });

  it('creates missing tables at DYNAMODB_ENDPOINT, and fails in one line when it does not answer', async () => {
    const fresh = { DYNAMODB_ENDPOINT: db.endpoint, DIRECTORY_TABLE: `cli-new-${Date.now()}`, LOGIN_TABLE: `cli-new-login-${Date.now()}` };
    const r = await runBinary(['account', 'add', '--tenant', 'nobody', '--email', 'a@b.com'], { env: fresh });
    expect(r.stderrLines).toEqual(['error: tenant "nobody" does not exist']);
    const { TableNames } = await db.doc.send(new ListTablesCommand({}));
    expect(TableNames).toEqual(expect.arrayContaining([fresh.DIRECTORY_TABLE, fresh.LOGIN_TABLE]));
    const down = await runBinary(['tenant', 'list'], { env: { DYNAMODB_ENDPOINT: `http://127.0.0.1:${await closedPort()}` } });
    expect(down.code).toBe(1);
    expect(down.stderrLines).toEqual([
      expect.stringMatching(/^error: cannot use DynamoDB at http:\/\/127\.0\.0\.1:\d+: connection refused$/),
    ]);
  });

  describe('--local', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cli-local-'));
    const writeStack = (endpoint: string) =>
      writeFileSync(
        join(cwd, '.data', 'local-stack.json'),
        JSON.stringify({
          dynamodbEndpoint: endpoint,
          directoryTable: db.names.directory,
          loginTable: db.names.login,
          baseDomain: 'localhost',
          port: 3999,
        }),
      );

    it('fails in one line when no `npm start` is running', async () => {
      const r = await runBinary(['--local', 'tenant', 'list'], { cwd });
      expect(r.code).toBe(1);
      expect(r.stderrLines).toEqual([expect.stringMatching(/^error: no running `npm start` found \(.*local-stack\.json is missing\)/)]);
      mkdirSync(join(cwd, '.data'), { recursive: true });
      writeStack(`http://127.0.0.1:${await closedPort()}`);
      const stale = await runBinary(['tenant', 'list', '--local'], { cwd });
      expect(stale.code).toBe(1);
      expect(stale.stderrLines).toEqual([
        expect.stringMatching(/does not answer at .*connection refused.*is `npm start` still running\?$/),
      ]);
    });

    it('leaves no timer behind when the stack does not answer, so the process ends with its error line', async () => {
      mkdirSync(join(cwd, '.data'), { recursive: true });
      writeStack(`http://127.0.0.1:${await closedPort()}`);
      const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
      const before = timers();
      const r = await runCliInProcess(['tenant', 'list', '--local'], { cwd });
      expect(r.stderrLines).toEqual([expect.stringMatching(/does not answer at .*connection refused/)]);
      expect(timers()).toBe(before);
    });

    it("uses the running stack's tables and its local tenant addresses", async () => {
      writeStack(db.endpoint);
      const r = await runBinary(['--local', 'tenant', 'show', 'seeded', '--json'], { cwd });
      expect(r.code).toBe(0);
      expect(r.json<{ configSheet: { signInRedirectUri: string } }>().configSheet.signInRedirectUri).toBe(
        'http://seeded.localhost:3999/auth/callback',
      );
    });
  });

  describe('the deployed stack', () => {
    let cfn: Server;
    let awsEnv: Record<string, string>;
    // Answers DescribeStacks (AWS query protocol) for the stack ImperoSso only.
    beforeAll(async () => {
      cfn = createServer((req, res) => {
        let body = '';
        req
          .on('data', (c) => (body += c))
          .on('end', () => {
            const name = new URLSearchParams(body).get('StackName');
            const ns = 'xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"';
            if (name !== 'ImperoSso') {
              res.writeHead(400, { 'content-type': 'text/xml' });
              return res.end(
                `<ErrorResponse ${ns}><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id ${name} does not exist</Message></Error><RequestId>1</RequestId></ErrorResponse>`,
              );
            }
            const output = (k: string, v: string) => `<member><OutputKey>${k}</OutputKey><OutputValue>${v}</OutputValue></member>`;
            res
              .writeHead(200, { 'content-type': 'text/xml' })
              .end(
                `<DescribeStacksResponse ${ns}><DescribeStacksResult><Stacks><member><StackName>ImperoSso</StackName><StackId>id</StackId><StackStatus>CREATE_COMPLETE</StackStatus><CreationTime>2030-01-01T00:00:00Z</CreationTime><Outputs>${output('DirectoryTableName', db.names.directory)}${output('LoginTableName', db.names.login)}${output('SessionTableName', db.names.sessions)}</Outputs></member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>2</RequestId></ResponseMetadata></DescribeStacksResponse>`,
              );
          });
      });
      await new Promise<void>((resolve) => cfn.listen(0, '127.0.0.1', resolve));
      awsEnv = {
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_ENDPOINT_URL_CLOUDFORMATION: `http://127.0.0.1:${(cfn.address() as AddressInfo).port}`,
        AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
      };
    });
    afterAll(async () => new Promise((resolve) => cfn?.close(resolve)));

    it('finds the tables from the stack outputs', async () => {
      const r = await runBinary(['tenant', 'show', 'seeded'], { env: awsEnv });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('https://seeded.impero.com/auth/callback');
    });

    it('names a missing stack in one line', async () => {
      const r = await runBinary(['tenant', 'list'], { env: { ...awsEnv, IMPERO_STACK_NAME: 'Elsewhere' } });
      expect(r.code).toBe(1);
      expect(r.stderrLines).toEqual([
        expect.stringMatching(/^error: cannot read stack Elsewhere: Stack with id Elsewhere does not exist; deploy it/),
      ]);
    });
  });

  describe('--local against a running `npm start`', () => {
    it('verifies the demo tenant, lists its account, adds a tenant with local addresses; fails once stopped', async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'cli-npm-start-'));
      freshFunctionModules();
      const stack = await startLocalStack({ port: 0, dataDir: join(cwd, '.data'), idpSigningKey: inject('devOktaSigningKey') });
      try {
        const verify = await runBinary(['--local', 'tenant', 'verify', DEMO.subdomain], { cwd });
        expect(verify.code).toBe(0);
        // The demo app is confidential: the self-test opened its sealed secret with npm start's key file.
        expect(verify.stdout).toMatch(/✓ client\s+the org accepts client 0oaimperodemo0000001 with client_secret_basic\n/);
        expect(verify.stdout).toMatch(
          /✓ redirect\s+the org sends the browser back to http:\/\/demo\.localhost:\d+\/auth\/callback \(login_required\)\nAll checks passed/,
        );
        const accounts = await runBinary(['--local', '--json', 'account', 'list', '--tenant', DEMO.subdomain], { cwd });
        expect(accounts.json<{ email: string }[]>().map((a) => a.email)).toEqual([DEMO.user.email]);
        const add = await runBinary(
          ['--local', 'tenant', 'add', '--subdomain', 'newco', '--okta-org', stack.idp.issuer, '--client-id', DEMO.clientId, '--no-verify'],
          { cwd },
        );
        expect(add.code).toBe(0);
        expect(add.stdout).toContain(`Sign-in redirect URI   http://newco.localhost:${stack.port}/auth/callback`);
      } finally {
        await stack.close();
      }
      const stopped = await runBinary(['--local', 'tenant', 'list'], { cwd });
      expect(stopped.code).toBe(1);
      expect(stopped.stderrLines).toEqual([expect.stringMatching(/^error: no running `npm start` found/)]);
    });
  });
});
