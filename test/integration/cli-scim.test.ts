/**
 * `scim token`, `scim revoke` and what `tenant show` says about SCIM, run in-process against
 * real DynamoDB tables (dynalite, and AWS DynamoDB Local where Java is): the token is printed
 * once and only its hash is stored, rotation keeps the previous token for 24 hours, revoke
 * ends all, and a write whose answer was lost is not mistaken for a conflict.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, type DirectoryStore } from '../../lambdas/core/ports.js';
import { sha256 } from '../../lambdas/core/random-tokens.js';
import { PREVIOUS_TOKEN_GRACE_MS, verifyScimToken } from '../../lambdas/core/scim/token.js';
import { cliBackends, inProcessCli, type CliResult } from '../fixtures/cli.js';
import { openSuiteTables, scanAll, type SuiteTables, type TestDynamo } from '../fixtures/dynamodb.js';

const T0 = new Date('2026-03-02T09:00:00.000Z');
const HOUR = 3_600_000;
const TOKEN = /scim_[A-Za-z0-9_-]{43}/;

function expectFailure(r: CliResult, code: number, reason: RegExp): void {
  expect(r.code).toBe(code);
  expect(r.stderrLines).toHaveLength(1);
  expect(r.stderrLines[0]).toMatch(/^error: /);
  expect(r.stderrLines[0]).toMatch(reason);
}

const tokenOf = (r: CliResult): string => TOKEN.exec(r.stdout)![0];

for (const backend of cliBackends) {
  describe.skipIf(backend.skip)(`scim commands on ${backend.name}`, () => {
    let server: { endpoint: string; close(): Promise<void> };
    let tables: SuiteTables;
    let db: TestDynamo;
    let cli: ReturnType<typeof inProcessCli>;
    const tenant = () => db.directory.getTenant('acme');

    beforeAll(async () => {
      server = await backend.start();
      tables = await openSuiteTables(server.endpoint);
    });
    afterAll(async () => {
      await tables?.close();
      await server?.close();
    });
    beforeEach(async () => {
      db = await tables.fresh();
      await db.directory.createTenant(
        { subdomain: 'acme', name: 'Acme', issuer: 'https://acme.okta.com', clientId: '0oaacme', domains: [] },
        T0,
      );
      cli = inProcessCli(db.directory, { sessions: db.sessions, now: () => T0 });
      return () => db.close();
    });

    describe('scim token', () => {
      it("prints the token once with the Okta Provisioning values, and stores only the token's hash", async () => {
        const r = await cli(['scim', 'token', 'acme']);
        expect(r.code).toBe(0);
        expect(r.stderr).toBe('');
        const token = tokenOf(r);
        for (const text of [
          'SCIM connector base URL',
          'https://acme.impero.com/scim/v2',
          'userName',
          'HTTP Header',
          'Import New Users and Profile Updates, Push New Users, Push Profile Updates, Push Groups',
        ]) {
          expect(r.stdout).toContain(text);
        }
        expect((await tenant())!.scim).toEqual({ hash: sha256(token), issuedAt: T0.toISOString() });
        const stored = JSON.stringify(await scanAll(db.doc, db.names.directory));
        expect(stored).not.toContain(token);
        expect(stored).not.toContain(token.slice(5));
      });

      it('--json prints exactly {tenant, baseUrl, token}', async () => {
        const r = await cli(['--json', 'scim', 'token', 'acme']);
        expect(r.code).toBe(0);
        const out = r.json<Record<string, string>>();
        expect(Object.keys(out).sort()).toEqual(['baseUrl', 'tenant', 'token']);
        expect(out).toEqual({
          tenant: 'acme',
          baseUrl: 'https://acme.impero.com/scim/v2',
          token: expect.stringMatching(new RegExp(`^${TOKEN.source}$`)),
        });
        expect(verifyScimToken((await tenant())!.scim, out.token, T0)).toBe(true);
      });

      it('a new token leaves the previous one working for 24 hours and ends any older one', async () => {
        const first = (await cli(['--json', 'scim', 'token', 'acme'])).json<{ token: string }>().token;
        const second = await cli(['scim', 'token', 'acme'], { now: () => new Date(T0.getTime() + HOUR) });
        expect(second.stdout).toContain(
          `previous token keeps working until ${new Date(T0.getTime() + HOUR + PREVIOUS_TOKEN_GRACE_MS).toISOString()}`,
        );
        const record = (await tenant())!.scim;
        const at = (ms: number) => new Date(T0.getTime() + HOUR + ms);
        expect(verifyScimToken(record, tokenOf(second), at(0))).toBe(true);
        expect(verifyScimToken(record, first, at(PREVIOUS_TOKEN_GRACE_MS - 1000))).toBe(true);
        expect(verifyScimToken(record, first, at(PREVIOUS_TOKEN_GRACE_MS))).toBe(false);
        const third = (await cli(['--json', 'scim', 'token', 'acme'], { now: () => at(2 * HOUR) })).json<{ token: string }>().token;
        const latest = (await tenant())!.scim;
        expect(verifyScimToken(latest, first, at(2 * HOUR))).toBe(false);
        expect(verifyScimToken(latest, tokenOf(second), at(2 * HOUR))).toBe(true);
        expect(verifyScimToken(latest, third, at(2 * HOUR))).toBe(true);
      });

      it('fails with one line for an unknown tenant (exit 1) and a malformed subdomain (exit 2), writing nothing', async () => {
        expectFailure(await cli(['scim', 'token', 'nope']), 1, /tenant "nope" does not exist/);
        expectFailure(await cli(['scim', 'revoke', 'nope']), 1, /tenant "nope" does not exist/);
        expectFailure(await cli(['scim', 'token', 'Not_A_Subdomain']), 2, /subdomain/);
        expect((await tenant())!.scim).toBeUndefined();
      });

      it('succeeds when DynamoDB applied the write but its answer was lost, and prints the token that was stored', async () => {
        // The SDK's retry of an applied conditional write fails its version check: a conflict only in appearance.
        const lossy = withUpdate(db.directory, async (real, ...args) => {
          await real(...args);
          throw new ConflictError('tenant "acme" was changed by someone else (version 2, expected 1); read it again and retry');
        });
        const r = await inProcessCli(lossy, { sessions: db.sessions, now: () => T0 })(['--json', 'scim', 'token', 'acme']);
        expect(r.code).toBe(0);
        expect(verifyScimToken((await tenant())!.scim, r.json<{ token: string }>().token, T0)).toBe(true);
      });

      it('refuses, printing no token, when another agent changed the tenant in between (a real race)', async () => {
        const racing = withUpdate(db.directory, async (real, subdomain, version, changes, now) => {
          await db.directory.updateTenant(subdomain, version, { name: 'Acme Renamed' }, now);
          return real(subdomain, version, changes, now);
        });
        const r = await inProcessCli(racing, { sessions: db.sessions, now: () => T0 })(['scim', 'token', 'acme']);
        expectFailure(r, 1, /changed by someone else/);
        expect(r.stdout).not.toMatch(TOKEN);
        expect((await tenant())!.scim).toBeUndefined();
      });
    });

    describe('scim revoke', () => {
      it('ends every token at once, and says so; revoking again changes nothing', async () => {
        const first = (await cli(['--json', 'scim', 'token', 'acme'])).json<{ token: string }>().token;
        const second = (await cli(['--json', 'scim', 'token', 'acme'])).json<{ token: string }>().token;
        const r = await cli(['scim', 'revoke', 'acme']);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/Every SCIM token of tenant acme has stopped working/);
        const record = (await tenant())!.scim;
        expect(record).toBeUndefined();
        for (const token of [first, second]) expect(verifyScimToken(record, token, T0)).toBe(false);
        const again = await cli(['--json', 'scim', 'revoke', 'acme']);
        expect(again.code).toBe(0);
        expect(again.json()).toEqual({ tenant: 'acme', revoked: false, scimEnabled: false });
      });
    });

    describe('tenant show', () => {
      it('says whether SCIM is on and since when, never the token or its hash, in text and --json', async () => {
        expect((await cli(['tenant', 'show', 'acme'])).stdout).toMatch(/SCIM\s+off/);
        expect((await cli(['--json', 'tenant', 'show', 'acme'])).json<{ tenant: { scim: unknown } }>().tenant.scim).toEqual({
          enabled: false,
        });

        const token = (await cli(['--json', 'scim', 'token', 'acme'])).json<{ token: string }>().token;
        const text = await cli(['tenant', 'show', 'acme']);
        expect(text.stdout).toMatch(new RegExp(`SCIM\\s+on, token issued ${T0.toISOString()}`));
        const json = await cli(['--json', 'tenant', 'show', 'acme']);
        expect(json.json<{ tenant: { scim: unknown } }>().tenant.scim).toEqual({ enabled: true, tokenIssuedAt: T0.toISOString() });
        for (const out of [text.stdout, json.stdout, (await cli(['--json', 'tenant', 'list'])).stdout]) {
          expect(out).not.toContain(token);
          expect(out).not.toContain(sha256(token));
        }
      });
    });
  });
}

type Update = DirectoryStore['updateTenant'];
/** The store with `updateTenant` replaced by `fake`, which may call the real one. */
function withUpdate(store: DirectoryStore, fake: (real: Update, ...args: Parameters<Update>) => ReturnType<Update>): DirectoryStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'updateTenant') return (...args: Parameters<Update>) => fake(target.updateTenant.bind(target), ...args);
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
