/**
 * `account add|remove|list|import` in-process against real DynamoDB tables (dynalite, and
 * AWS DynamoDB Local where Java is), including a large import run twice: 5,000 rows on
 * dynalite, a few hundred on DynamoDB Local (import throughput is `npm run bench:import`'s).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../lambdas/core/model.js';
import { cliBackends, inProcessCli, tableState, type CliResult } from '../fixtures/cli.js';
import { openTestTables, type TestDynamo } from '../fixtures/dynamodb.js';

const dir = mkdtempSync(join(tmpdir(), 'cli-accounts-'));
let files = 0;
function csv(text: string): string {
  const file = join(dir, `accounts-${++files}.csv`);
  writeFileSync(file, text);
  return file;
}

function expectFailure(r: CliResult, code: number, reason: RegExp): void {
  expect(r.code).toBe(code);
  expect(r.stderrLines).toHaveLength(1);
  expect(r.stderrLines[0]).toMatch(reason);
}

/** Rows of the large import per backend: the full 5,000 once, on the default one. */
const bigImport = (backend: string) => (backend === 'dynalite' ? 5000 : 400);
const bigCsv = (rows: number) => 'email,name\n' + Array.from({ length: rows }, (_, i) => `user${i}@acme.com,User ${i}`).join('\n') + '\n';

for (const backend of cliBackends) {
  describe.skipIf(backend.skip)(`account commands on ${backend.name}`, () => {
    let server: { endpoint: string; close(): Promise<void> };
    let db: TestDynamo;
    let cli: ReturnType<typeof inProcessCli>;

    beforeAll(async () => void (server = await backend.start()));
    afterAll(async () => server?.close());
    beforeEach(async () => {
      db = await openTestTables(server.endpoint);
      cli = inProcessCli(db.directory, { sessions: db.sessions }, db.events);
      await db.directory.createTenant(
        { subdomain: 'acme', name: 'Acme', issuer: 'https://acme.okta.com', clientId: '0oaacme0000000000001', domains: ['acme.com'] },
        new Date(),
      );
      return () => db.close();
    });

    describe('account add, list and remove', () => {
      it('adds an account under its canonical email and lists it', async () => {
        const r = await cli([
          'account',
          'add',
          '--tenant',
          'acme',
          '--email',
          '  Ada.Lovelace@ACME.com ',
          '--name',
          'Ada Lovelace',
          '--json',
        ]);
        expect(r.code).toBe(0);
        expect(r.json<Account>()).toMatchObject({ tenant: 'acme', email: 'ada.lovelace@acme.com', name: 'Ada Lovelace' });
        const list = await cli(['account', 'list', '--tenant', 'acme']);
        expect(list.stdout).toMatch(/ada\.lovelace@acme\.com\s+Ada Lovelace\s+acc_\S+\s+no/);
        expect((await cli(['account', 'list', '--tenant', 'acme', '--json'])).json<Account[]>().map((a) => a.email)).toEqual([
          'ada.lovelace@acme.com',
        ]);
      });

      it('refuses a second account for the same email, and an unknown tenant, changing nothing', async () => {
        await cli(['account', 'add', '--tenant', 'acme', '--email', 'ada@acme.com']);
        const before = await tableState(db);
        expectFailure(
          await cli(['account', 'add', '--tenant', 'acme', '--email', 'ADA@acme.com']),
          1,
          /ada@acme.com already has an account in tenant "acme"/,
        );
        expectFailure(await cli(['account', 'add', '--tenant', 'nobody', '--email', 'x@acme.com']), 1, /tenant "nobody" does not exist/);
        expectFailure(await cli(['account', 'list', '--tenant', 'nobody']), 1, /tenant "nobody" does not exist/);
        expect(await tableState(db)).toBe(before);
      });

      it('removes an account, and fails on one that is not there', async () => {
        await cli(['account', 'add', '--tenant', 'acme', '--email', 'ada@acme.com']);
        const r = await cli(['account', 'remove', '--tenant', 'acme', '--email', 'Ada@Acme.com']);
        expect(r.code).toBe(0);
        expect(await db.directory.getAccountByEmail('acme', 'ada@acme.com')).toBeUndefined();
        expectFailure(
          await cli(['account', 'remove', '--tenant', 'acme', '--email', 'ada@acme.com']),
          1,
          /ada@acme.com has no account in tenant "acme"/,
        );
        expectFailure(
          await cli(['account', 'remove', '--tenant', 'nobody', '--email', 'ada@acme.com']),
          1,
          /tenant "nobody" does not exist/,
        );
        expect((await cli(['account', 'list', '--tenant', 'acme'])).stdout).toBe('No accounts in tenant acme.\n');
      });
    });

    describe('account deactivate and activate', () => {
      const session = (accountId: string, sid: string) => ({
        tenant: 'acme',
        accountId,
        email: 'ada@acme.com',
        sid,
        createdAt: new Date().toISOString(),
        expiresAt: Math.floor(Date.now() / 1000) + 3600,
      });

      it('deactivates an account, keeping its data and link, and ends its sessions; activate undoes it; each change is its updatedAt', async () => {
        const at = (minute: number) => ({ now: () => new Date(Date.UTC(2026, 2, 1, 10, minute)) });
        const iso = (minute: number) => at(minute).now().toISOString();
        await cli(['account', 'add', '--tenant', 'acme', '--email', 'ada@acme.com', '--name', 'Ada']);
        await cli(['account', 'add', '--tenant', 'acme', '--email', 'bob@acme.com']);
        const ada = await db.directory.linkSubject('acme', 'ada@acme.com', { iss: 'https://acme.okta.com', sub: '00uada' });
        const bob = (await db.directory.getAccountByEmail('acme', 'bob@acme.com'))!;
        for (const sid of ['s1', 's2']) await db.sessions.create(session(ada.id, sid));
        await db.sessions.create(session(bob.id, 's3'));

        const off = await cli(['account', 'deactivate', '--tenant', 'acme', '--email', 'ADA@acme.com'], at(1));
        expect([off.code, off.stdout]).toEqual([0, 'Deactivated ada@acme.com in tenant acme. Ended 2 session(s).\n']);
        // SCIM's meta.lastModified: the time of the change.
        expect(await db.directory.getAccountByEmail('acme', 'ada@acme.com')).toEqual({ ...ada, active: false, updatedAt: iso(1) });
        expect((await db.sessions.list('acme')).map((s) => s.sid)).toEqual(['s3']);
        const again = await cli(['account', 'deactivate', '--tenant', 'acme', '--email', 'ada@acme.com', '--json'], at(2));
        expect(again.json()).toEqual({
          tenant: 'acme',
          email: 'ada@acme.com',
          account: ada.id,
          active: false,
          changed: false,
          sessionsEnded: 0,
        });
        expect((await db.directory.getAccountByEmail('acme', 'ada@acme.com'))!.updatedAt).toBe(iso(1));

        const list = await cli(['account', 'list', '--tenant', 'acme']);
        expect(list.stdout).toMatch(/ACTIVE/);
        expect(list.stdout).toMatch(/ada@acme\.com\s+Ada\s+acc_\S+\s+yes\s+no\s/);
        expect(list.stdout).toMatch(/bob@acme\.com\s+-\s+acc_\S+\s+no\s+yes\s/);
        const listed = (await cli(['account', 'list', '--tenant', 'acme', '--json'])).json<Account[]>();
        expect(listed.map((a) => [a.email, a.active])).toEqual([
          ['ada@acme.com', false],
          ['bob@acme.com', true],
        ]);

        const on = await cli(['account', 'activate', '--tenant', 'acme', '--email', 'ada@acme.com'], at(3));
        expect([on.code, on.stdout]).toEqual([0, 'Activated ada@acme.com in tenant acme.\n']);
        expect(await db.directory.getAccountByEmail('acme', 'ada@acme.com')).toEqual({ ...ada, updatedAt: iso(3) });
        expect((await cli(['account', 'activate', '--tenant', 'acme', '--email', 'ada@acme.com'])).stdout).toBe(
          'ada@acme.com in tenant acme was already active.\n',
        );

        const recorded = (await db.events.list('acme', { since: new Date(0) })).map((e) => [e.type, e.email]);
        expect(recorded).toEqual(
          expect.arrayContaining([
            ['account_deactivated', 'ada@acme.com'],
            ['session_revoked', 'ada@acme.com'],
            ['account_reactivated', 'ada@acme.com'],
          ]),
        );
        expect(recorded.filter(([t]) => t === 'account_deactivated')).toHaveLength(1);
      });

      it('fails with one line on an unknown account or tenant, and on bad input, changing nothing', async () => {
        await cli(['account', 'add', '--tenant', 'acme', '--email', 'ada@acme.com']);
        const before = await tableState(db);
        for (const verb of ['deactivate', 'activate']) {
          expectFailure(
            await cli(['account', verb, '--tenant', 'acme', '--email', 'ghost@acme.com']),
            1,
            /^error: ghost@acme.com has no account in tenant "acme"$/,
          );
          expectFailure(await cli(['account', verb, '--tenant', 'nobody', '--email', 'ada@acme.com']), 1, /tenant "nobody" does not exist/);
          expectFailure(await cli(['account', verb, '--tenant', 'acme', '--email', 'not-an-email']), 2, /--email/);
          expect((await cli(['account', verb, '--tenant', 'acme'])).code).not.toBe(0);
        }
        expect(await tableState(db)).toBe(before);
      });
    });

    describe('account import', () => {
      const rows = bigImport(backend.name);
      it(`imports ${rows.toLocaleString('en')} rows, then adds nothing when run again`, async () => {
        const file = csv(bigCsv(rows));
        const first = await cli(['account', 'import', '--tenant', 'acme', file, '--json']);
        expect(first.code).toBe(0);
        expect(first.json()).toMatchObject({ ok: true, rows, added: rows, existing: 0, rejected: 0 });
        const afterFirst = await tableState(db);
        const second = await cli(['account', 'import', '--tenant', 'acme', file]);
        expect(second.code).toBe(0);
        expect(second.stdout).toMatch(new RegExp(`0 added, ${rows} already present, 0 rejected`));
        expect(await tableState(db)).toBe(afterFirst);
        const accounts = await db.directory.listAccounts('acme');
        expect(accounts).toHaveLength(rows);
        expect(accounts.find((a) => a.email === `user${rows - 1}@acme.com`)?.name).toBe(`User ${rows - 1}`);
      }, 120_000);

      it('counts rows already present, and keeps existing accounts as they are', async () => {
        await cli(['account', 'add', '--tenant', 'acme', '--email', 'ada@acme.com', '--name', 'Original']);
        const r = await cli(['account', 'import', '--tenant', 'acme', csv('email,name\nADA@acme.com,Changed\nbob@acme.com,\n')]);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/1 added, 1 already present, 0 rejected/);
        expect((await db.directory.getAccountByEmail('acme', 'ada@acme.com'))?.name).toBe('Original');
        expect((await db.directory.getAccountByEmail('acme', 'bob@acme.com'))?.name).toBeUndefined();
      });

      it('reports every bad row with its line number and imports nothing', async () => {
        const before = await tableState(db);
        const file = csv('email,name\nok@acme.com,OK\nnot-an-email,X\n\nsecond@acme.com,Two\nOK@acme.com,Dup\nthird@acme.com,a,b\n');
        const r = await cli(['account', 'import', '--tenant', 'acme', file]);
        expectFailure(r, 2, /^error: 3 of 5 rows are invalid in .*accounts-\d+\.csv \(lines 3, 6, 7\); nothing was imported$/);
        expect(r.stdout).toContain('line 3: "not-an-email" is not an email address');
        expect(r.stdout).toContain('line 6: ok@acme.com is a duplicate of line 2');
        expect(r.stdout).toContain('line 7: expected 2 fields, found 3');
        expect(r.stdout).toContain('0 added, 0 already present, 3 rejected');
        const json = await cli(['--json', 'account', 'import', '--tenant', 'acme', file]);
        expect(json.json<{ problems: { line: number }[] }>().problems.map((p) => p.line)).toEqual([3, 6, 7]);
        expect(await tableState(db)).toBe(before);
      });

      it('fails on an unknown tenant before writing', async () => {
        const before = await tableState(db);
        expectFailure(
          await cli(['account', 'import', '--tenant', 'nobody', csv('email\na@acme.com\n')]),
          1,
          /tenant "nobody" does not exist/,
        );
        expect(await tableState(db)).toBe(before);
      });

      it('draws a progress bar on a terminal only, and clears it', async () => {
        const file = csv(bigCsv(30));
        const tty = await cli(['account', 'import', '--tenant', 'acme', file], { stderrTTY: true });
        expect(tty.code).toBe(0);
        expect(tty.stderr).toMatch(/\rImporting 30 accounts \[#{30}\] 30\/30/);
        expect(tty.stderr.endsWith('\r\x1b[2K')).toBe(true);
        const piped = await cli(['account', 'import', '--tenant', 'acme', file]);
        expect(piped.stderr).toBe('');
      });
    });
  });
}
