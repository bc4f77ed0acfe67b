/**
 * `tenant add|update|show|list|verify|disable|enable|remove`, run in-process against real
 * DynamoDB tables (dynalite, and AWS DynamoDB Local where Java is) and the Okta-shaped
 * development IdP on loopback. Every failure is checked to leave the tables as they were.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Tenant } from '../../lambdas/core/model.js';
import type { DirectoryStore } from '../../lambdas/core/ports.js';
import { startOktaIdp, type OktaIdp } from '../../lambdas/dev/okta-idp.js';
import { cliBackends, inProcessCli, tableState, type CliResult } from '../fixtures/cli.js';
import { openSuiteTables, type SuiteTables, type TestDynamo } from '../fixtures/dynamodb.js';

const CLIENT = '0oaacme0000000000001';

function expectFailure(r: CliResult, code: number, reason: RegExp): void {
  expect(r.code).toBe(code);
  expect(r.stderrLines).toHaveLength(1);
  expect(r.stderrLines[0]).toMatch(/^error: /);
  expect(r.stderrLines[0]).toMatch(reason);
}

for (const backend of cliBackends) {
  describe.skipIf(backend.skip)(`tenant commands on ${backend.name}`, () => {
    let server: { endpoint: string; close(): Promise<void> };
    let idp: OktaIdp;
    let tables: SuiteTables;
    let db: TestDynamo;
    let cli: ReturnType<typeof inProcessCli>;
    const addAcme = (...extra: string[]) =>
      cli([
        'tenant',
        'add',
        '--subdomain',
        'acme',
        '--okta-org',
        idp.issuer,
        '--client-id',
        CLIENT,
        '--name',
        'Acme Inc',
        '--domain',
        'acme.com',
        ...extra,
      ]);

    beforeAll(async () => {
      server = await backend.start();
      tables = await openSuiteTables(server.endpoint);
      idp = await startOktaIdp({ port: 0, clients: [{ clientId: CLIENT, redirectUris: ['https://acme.impero.com/auth/callback'] }] });
    });
    afterAll(async () => {
      await idp?.close();
      await tables?.close();
      await server?.close();
    });
    beforeEach(async () => {
      db = await tables.fresh();
      cli = inProcessCli(db.directory, { sessions: db.sessions });
      return () => db.close();
    });

    describe('tenant add', () => {
      it('verifies the org, writes the tenant and its claim, and prints the config sheet', async () => {
        const r = await addAcme();
        expect(r.code).toBe(0);
        expect(r.stderr).toBe('');
        for (const step of ['discovery', 'issuer', 'endpoints', 'jwks', 'pkce', 'client', 'redirect'])
          expect(r.stdout).toMatch(new RegExp(`✓ ${step}`));
        expect(r.stdout).toContain('https://acme.impero.com/auth/callback');
        expect(r.stdout).toContain('https://acme.impero.com/auth/authorize');
        expect(r.stdout).toMatch(/subdomain variable\s+acme/);
        const tenant = await db.directory.getTenant('acme');
        expect(tenant).toMatchObject({
          subdomain: 'acme',
          name: 'Acme Inc',
          issuer: idp.issuer,
          clientId: CLIENT,
          domains: ['acme.com'],
          status: 'active',
          version: 1,
        });
        expect(await db.directory.tenantForDomain('acme.com')).toBe('acme');
      });

      it('normalises a bare org host, defaults the name, and prints JSON with --json', async () => {
        const r = await cli([
          'tenant',
          'add',
          '--subdomain',
          'beta',
          '--okta-org',
          'Dev-Beta.okta.com/',
          '--client-id',
          '0oabeta0000000000001',
          '--no-verify',
          '--json',
        ]);
        expect(r.code).toBe(0);
        const out = r.json<{ tenant: Tenant; configSheet: Record<string, string>; verification: null; warnings: string[] }>();
        expect(out.tenant).toMatchObject({ subdomain: 'beta', name: 'beta', issuer: 'https://dev-beta.okta.com', domains: [] });
        expect(out.tenant).toMatchObject({ clientAuth: 'none', clientSecretSet: false, jit: false, customDomainOrg: false });
        expect(out.configSheet).toEqual({
          signInRedirectUri: 'https://beta.impero.com/auth/callback',
          initiateLoginUri: 'https://beta.impero.com/auth/authorize',
          signOutRedirectUri: 'https://beta.impero.com/auth/login',
          universalLogoutEndpoint: 'https://beta.impero.com/auth/universal-logout',
          subdomain: 'beta',
          loginUrl: 'https://beta.impero.com/auth/login',
        });
        expect(out.verification).toBeNull();
        expect(out.warnings).toEqual([]);
        expect((await db.directory.getTenant('beta'))?.issuer).toBe('https://dev-beta.okta.com');
      });

      it("warns about, but accepts, a client id that does not look like Okta's", async () => {
        const r = await cli([
          'tenant',
          'add',
          '--subdomain',
          'odd',
          '--okta-org',
          'odd.okta.com',
          '--client-id',
          'my-client',
          '--no-verify',
        ]);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/warning: client id "my-client" does not look like an Okta client id/);
        expect((await db.directory.getTenant('odd'))?.clientId).toBe('my-client');
      });

      it('refuses an existing subdomain and changes nothing', async () => {
        expect((await addAcme()).code).toBe(0);
        const before = await tableState(db);
        const r = await cli(['tenant', 'add', '--subdomain', 'acme', '--okta-org', 'other.okta.com', '--client-id', CLIENT, '--no-verify']);
        expectFailure(r, 1, /tenant "acme" already exists/);
        expect(await tableState(db)).toBe(before);
      });

      it('refuses an email domain another tenant claims and changes nothing', async () => {
        expect((await addAcme()).code).toBe(0);
        const before = await tableState(db);
        const r = await cli([
          'tenant',
          'add',
          '--subdomain',
          'rival',
          '--okta-org',
          'rival.okta.com',
          '--client-id',
          CLIENT,
          '--domain',
          'rival.com',
          '--domain',
          'ACME.com',
          '--no-verify',
        ]);
        expectFailure(r, 1, /email domain "acme.com" is already claimed by tenant "acme"/);
        expect(await tableState(db)).toBe(before);
      });

      it('writes nothing when the self-test fails', async () => {
        const before = await tableState(db);
        const r = await cli([
          'tenant',
          'add',
          '--subdomain',
          'acme',
          '--okta-org',
          idp.issuer,
          '--client-id',
          '0oaunknown00000000001',
          '--domain',
          'acme.com',
        ]);
        expectFailure(r, 1, /self-test of .* failed \(client\)/);
        expect(r.stdout).toMatch(/✗ client .*invalid_client/);
        expect(r.stdout).toContain('Nothing was written.');
        expect(await tableState(db)).toBe(before);
      });

      it('writes nothing when the Okta app lacks the sign-in redirect URI, and names the URI to add', async () => {
        // The app exists and accepts the client, but lists another tenant's callback only.
        idp.addClient({ clientId: '0oanoredirect0000001', redirectUris: ['https://elsewhere.impero.com/auth/callback'] });
        const before = await tableState(db);
        const r = await cli([
          'tenant',
          'add',
          '--subdomain',
          'acme',
          '--okta-org',
          idp.issuer,
          '--client-id',
          '0oanoredirect0000001',
          '--domain',
          'acme.com',
        ]);
        expectFailure(r, 1, /self-test of .* failed \(redirect\)/);
        expect(r.stdout).toMatch(/✓ client /);
        expect(r.stdout).toMatch(
          /✗ redirect +.*answered HTTP 400 .*instead of sending the browser back to https:\/\/acme\.impero\.com\/auth\/callback\n/,
        );
        expect(r.stdout).toMatch(/ {4}fix: .*add https:\/\/acme\.impero\.com\/auth\/callback to "Sign-in redirect URIs"/);
        expect(r.stdout).toContain('Nothing was written.');
        expect(await tableState(db)).toBe(before);
      });
    });

    describe('tenant show, list and verify', () => {
      it('shows a tenant with its config sheet, as text and JSON', async () => {
        await addAcme();
        const text = await cli(['tenant', 'show', 'acme']);
        expect(text.code).toBe(0);
        expect(text.stdout).toMatch(/client id\s+0oaacme0000000000001/);
        expect(text.stdout).toContain('https://acme.impero.com/auth/callback');
        const json = (await cli(['tenant', 'show', 'acme', '--json'])).json<{ tenant: Tenant; configSheet: { subdomain: string } }>();
        expect(json.tenant.domains).toEqual(['acme.com']);
        expect(json.configSheet.subdomain).toBe('acme');
      });

      it('fails on an unknown tenant', async () => {
        expectFailure(await cli(['tenant', 'show', 'nobody']), 1, /tenant "nobody" does not exist/);
        expectFailure(await cli(['tenant', 'verify', 'nobody']), 1, /tenant "nobody" does not exist/);
      });

      it('lists tenants in subdomain order', async () => {
        expect((await cli(['tenant', 'list'])).stdout).toBe('No tenants.\n');
        await addAcme('--no-verify');
        await cli(['tenant', 'add', '--subdomain', 'able', '--okta-org', 'able.okta.com', '--client-id', CLIENT, '--no-verify']);
        const text = await cli(['tenant', 'list']);
        expect(
          text.stdout
            .split('\n')
            .slice(1, 3)
            .map((l) => l.split(/\s+/)[0]),
        ).toEqual(['able', 'acme']);
        expect((await cli(['--json', 'tenant', 'list'])).json<Tenant[]>().map((t) => t.subdomain)).toEqual(['able', 'acme']);
      });

      it('verifies a stored tenant, and fails once its org no longer knows the client', async () => {
        await addAcme();
        const ok = await cli(['tenant', 'verify', 'acme', '--json']);
        expect(ok.code).toBe(0);
        expect(ok.json<{ ok: boolean }>().ok).toBe(true);
        await db.directory.updateTenant('acme', 1, { clientId: '0oagone0000000000001' }, new Date());
        const bad = await cli(['tenant', 'verify', 'acme']);
        expectFailure(bad, 1, /failed \(client\)/);
      });

      it('fails at step redirect while the Okta app lacks the sign-in redirect URI, and passes once it is added', async () => {
        const client = '0oalateredirect00001';
        idp.addClient({ clientId: client, redirectUris: ['https://elsewhere.impero.com/auth/callback'] });
        await cli(['tenant', 'add', '--subdomain', 'acme', '--okta-org', idp.issuer, '--client-id', client, '--no-verify']);
        const bad = await cli(['tenant', 'verify', 'acme', '--json']);
        expectFailure(bad, 1, /failed \(redirect\)/);
        const report = bad.json<{ ok: boolean; steps: { id: string; status: string; hint?: string; finding: unknown }[] }>();
        expect(report.steps.find((s) => s.id === 'redirect')).toMatchObject({
          status: 'fail',
          hint: expect.stringContaining('add https://acme.impero.com/auth/callback to "Sign-in redirect URIs"'),
          finding: { key: 'redirect_refused', params: { uri: 'https://acme.impero.com/auth/callback', status: '400' } },
        });
        idp.addClient({ clientId: client, redirectUris: ['https://acme.impero.com/auth/callback'] });
        const ok = await cli(['tenant', 'verify', 'acme']);
        expect(ok.code).toBe(0);
        expect(ok.stdout).toMatch(
          /✓ redirect +the org sends the browser back to https:\/\/acme\.impero\.com\/auth\/callback \(login_required\)\nAll checks passed\.\n$/,
        );
      });
    });

    describe('tenant update', () => {
      beforeEach(async () => void (await addAcme('--no-verify')));

      it('changes the name and replaces the domain list, moving the claims', async () => {
        const r = await cli(['tenant', 'update', 'acme', '--name', 'Acme Group', '--domain', 'acme.org', '--domain', 'acme.net']);
        expect(r.code).toBe(0);
        expect(await db.directory.getTenant('acme')).toMatchObject({ name: 'Acme Group', domains: ['acme.org', 'acme.net'], version: 2 });
        expect(await db.directory.tenantForDomain('acme.com')).toBeUndefined();
        expect(await db.directory.tenantForDomain('acme.net')).toBe('acme');
      });

      it('clears the domains, and asks for a verify after an Okta change', async () => {
        const r = await cli([
          'tenant',
          'update',
          'acme',
          '--clear-domains',
          '--okta-org',
          'acme-new.okta.com',
          '--client-id',
          '0oaacme0000000000002',
        ]);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('Run `tenant verify acme`');
        expect(await db.directory.getTenant('acme')).toMatchObject({
          domains: [],
          issuer: 'https://acme-new.okta.com',
          clientId: '0oaacme0000000000002',
        });
        expect(await db.directory.tenantForDomain('acme.com')).toBeUndefined();
      });

      it('switches sign-out to Okta and back, shown by tenant show and its JSON (default impero)', async () => {
        expect((await db.directory.getTenant('acme'))?.signOut).toBe('impero');
        const r = await cli(['tenant', 'update', 'acme', '--sign-out', 'okta', '--json']);
        expect(r.json()).toMatchObject({ changed: true, tenant: { signOut: 'okta', version: 2 } });
        expect((await cli(['tenant', 'show', 'acme'])).stdout).toMatch(/\n  sign-out    okta \(Impero and the Okta session\)\n/);
        expect((await cli(['tenant', 'show', 'acme', '--json'])).json()).toMatchObject({ tenant: { signOut: 'okta' } });
        await cli(['tenant', 'update', 'acme', '--sign-out', 'impero']);
        expect(await db.directory.getTenant('acme')).toMatchObject({ signOut: 'impero', version: 3 });
      });

      it('writes nothing when nothing changes', async () => {
        const before = await tableState(db);
        const r = await cli(['tenant', 'update', 'acme', '--name', 'Acme Inc', '--json']);
        expect(r.code).toBe(0);
        expect(r.json<{ changed: boolean }>().changed).toBe(false);
        expect(await tableState(db)).toBe(before);
      });

      it('refuses a domain another tenant claims and changes nothing', async () => {
        await cli([
          'tenant',
          'add',
          '--subdomain',
          'rival',
          '--okta-org',
          'rival.okta.com',
          '--client-id',
          CLIENT,
          '--domain',
          'rival.com',
          '--no-verify',
        ]);
        const before = await tableState(db);
        expectFailure(
          await cli(['tenant', 'update', 'acme', '--domain', 'rival.com']),
          1,
          /"rival.com" is already claimed by tenant "rival"/,
        );
        expect(await tableState(db)).toBe(before);
      });

      it('loses to another agent who changed the tenant after it was read', async () => {
        // The other agent's write lands between this command's read and its write.
        const racing = new Proxy(db.directory, {
          get(target, prop, receiver) {
            if (prop !== 'getTenant') return Reflect.get(target, prop, receiver).bind(target);
            return async (s: string) => {
              const read = await target.getTenant(s);
              await target.updateTenant(s, read!.version, { name: 'Set by the other agent' }, new Date());
              return read;
            };
          },
        }) as DirectoryStore;
        const r = await inProcessCli(racing)(['tenant', 'update', 'acme', '--name', 'Mine']);
        expectFailure(r, 1, /changed by someone else/);
        expect(await db.directory.getTenant('acme')).toMatchObject({ name: 'Set by the other agent', version: 2 });
      });

      it('fails on an unknown tenant', async () => {
        expectFailure(await cli(['tenant', 'update', 'nobody', '--name', 'X']), 1, /tenant "nobody" does not exist/);
      });
    });

    describe('tenant disable, enable and remove', () => {
      beforeEach(async () => void (await addAcme('--no-verify')));

      it('disables and enables, each once', async () => {
        expect((await cli(['tenant', 'disable', 'acme'])).stdout).toBe('Tenant acme disabled. Ended 0 session(s).\n');
        expect(await db.directory.getTenant('acme')).toMatchObject({ status: 'disabled', version: 2 });
        const again = await cli(['tenant', 'disable', 'acme', '--json']);
        expect(again.code).toBe(0);
        expect(again.json<{ changed: boolean }>().changed).toBe(false);
        expect((await db.directory.getTenant('acme'))?.version).toBe(2);
        expect((await cli(['tenant', 'enable', 'acme'])).code).toBe(0);
        expect(await db.directory.getTenant('acme')).toMatchObject({ status: 'active', version: 3 });
        expectFailure(await cli(['tenant', 'enable', 'nobody']), 1, /does not exist/);
      });

      it('removes nothing without --yes', async () => {
        const before = await tableState(db);
        expectFailure(await cli(['tenant', 'remove', 'acme']), 2, /add --yes to confirm/);
        expect(await tableState(db)).toBe(before);
      });

      it('removes the tenant, its claims and its accounts with --yes', async () => {
        await cli(['account', 'add', '--tenant', 'acme', '--email', 'ada@acme.com']);
        await cli(['tenant', 'add', '--subdomain', 'other', '--okta-org', 'other.okta.com', '--client-id', CLIENT, '--no-verify']);
        const r = await cli(['tenant', 'remove', 'acme', '--yes', '--json']);
        expect(r.code).toBe(0);
        expect(r.json()).toEqual({ removed: 'acme', domains: ['acme.com'], accounts: 1, sessionsEnded: 0 });
        expect(await db.directoryKeys()).toEqual(['TENANT#other #TENANT']);
        expectFailure(await cli(['tenant', 'remove', 'acme', '--yes']), 1, /does not exist/);
      });
    });
  });
}
