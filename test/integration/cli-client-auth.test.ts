/**
 * The CLI's client authentication, JIT and org allow-list options against real tables and the
 * dev Okta: a secret goes in through stdin only, is checked by the self-test exactly as the
 * login will use it, is stored sealed, and never comes out; a failed check writes nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOktaIdp, type OktaIdp } from '../../lambdas/dev/okta-idp.js';
import { localKeys } from '../../lambdas/support/target-keys.js';
import { cliBackends, inProcessCli, tableState, type CliResult } from '../fixtures/cli.js';
import { openSuiteTables, type SuiteTables, type TestDynamo } from '../fixtures/dynamodb.js';

const CLIENT = '0oasecretacme0000001';
const SECRET = 'first-secret-0123456789-abcdefghij';
const NEXT = 'second-secret-0123456789-abcdefghi';
const REDIRECT = 'https://acme.impero.com/auth/callback';

const noSecretIn = (r: CliResult) => {
  for (const secret of [SECRET, NEXT, 'wrong-secret-0123456789']) {
    expect(r.stdout).not.toContain(secret);
    expect(r.stderr).not.toContain(secret);
  }
};

for (const backend of cliBackends) {
  describe.skipIf(backend.skip)(`client authentication in the CLI on ${backend.name}`, () => {
    let server: { endpoint: string; close(): Promise<void> };
    let idp: OktaIdp;
    let tables: SuiteTables;
    let db: TestDynamo;
    const keys = localKeys(mkdtempSync(join(tmpdir(), 'impero-cli-auth-')));
    let cli: ReturnType<typeof inProcessCli>;
    const addAcme = (stdin: string | undefined, ...extra: string[]) =>
      cli(['tenant', 'add', '--subdomain', 'acme', '--okta-org', idp.issuer, '--client-id', CLIENT, '--domain', 'acme.com', ...extra], {
        stdin,
      });

    beforeAll(async () => {
      server = await backend.start();
      tables = await openSuiteTables(server.endpoint);
      idp = await startOktaIdp({ port: 0 });
    });
    afterAll(async () => {
      await idp?.close();
      await tables?.close();
      await server?.close();
    });
    beforeEach(async () => {
      idp.addClient({ clientId: CLIENT, redirectUris: [REDIRECT], auth: { method: 'client_secret_basic', secret: SECRET } });
      db = await tables.fresh();
      cli = inProcessCli(db.directory, { keys });
      return () => db.close();
    });

    it('adds a tenant with a secret from stdin: verified with it, stored sealed, shown only as set', async () => {
      const r = await addAcme(`${SECRET}\n`, '--client-secret-stdin');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/✓ client\s+the org accepts client \S+ with client_secret_basic/);
      noSecretIn(r);
      const stored = (await db.directory.getTenant('acme'))!;
      expect(stored).toMatchObject({ clientAuth: 'client_secret_basic', jit: false, customDomainOrg: false });
      expect(stored.clientSecretCiphertext).toMatch(/^local\.v1\./);
      expect(await keys.secrets.decrypt(stored.clientSecretCiphertext!, 'acme')).toBe(SECRET);
      expect(await tableState(db)).not.toContain(SECRET);

      const show = await cli(['tenant', 'show', 'acme', '--json']);
      const shown = show.json<{ tenant: Record<string, unknown> }>().tenant;
      expect(shown).toMatchObject({ clientAuth: 'client_secret_basic', clientSecretSet: true, jit: false });
      expect(shown).not.toHaveProperty('clientSecretCiphertext');
      expect((await cli(['tenant', 'show', 'acme'])).stdout).toMatch(
        /client auth client_secret_basic\n\s+secret\s+set \(stored encrypted\)/,
      );
      noSecretIn(show);
    });

    it('refuses a wrong secret at the client step with a hint, and writes nothing', async () => {
      const before = await tableState(db);
      const r = await addAcme('wrong-secret-0123456789\n', '--client-secret-stdin');
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/✗ client .*invalid_client/);
      expect(r.stdout).toMatch(/fix: .*client secret is wrong or no longer active/);
      expect(r.stderrLines).toEqual([expect.stringMatching(/^error: self-test .* failed \(client\)/)]);
      noSecretIn(r);
      expect(await tableState(db)).toBe(before);
    });

    it('rotates the secret with tenant update --client-secret-stdin, checking the new one first', async () => {
      expect((await addAcme(SECRET, '--client-secret-stdin')).code).toBe(0);
      const before = await tableState(db);
      // Okta still holds only the first secret: the new one is refused and nothing changes.
      const early = await cli(['tenant', 'update', 'acme', '--client-secret-stdin'], { stdin: NEXT });
      expect(early.code).toBe(1);
      expect(await tableState(db)).toBe(before);
      idp.addClient({ clientId: CLIENT, redirectUris: [REDIRECT], auth: { method: 'client_secret_basic', secret: NEXT } });
      const r = await cli(['tenant', 'update', 'acme', '--client-secret-stdin'], { stdin: NEXT });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/✓ client/);
      noSecretIn(r);
      const stored = (await db.directory.getTenant('acme'))!;
      expect(await keys.secrets.decrypt(stored.clientSecretCiphertext!, 'acme')).toBe(NEXT);
      expect(stored.version).toBe(2);
    });

    it('switches to client_secret_post with the stored secret, and --client-auth none drops the secret', async () => {
      expect((await addAcme(SECRET, '--client-secret-stdin')).code).toBe(0);
      idp.addClient({ clientId: CLIENT, redirectUris: [REDIRECT], auth: { method: 'client_secret_post', secret: SECRET } });
      const post = await cli(['tenant', 'update', 'acme', '--client-auth', 'client_secret_post']);
      expect(post.code).toBe(0);
      expect(post.stdout).toMatch(/✓ client\s+the org accepts client \S+ with client_secret_post/);
      expect((await db.directory.getTenant('acme'))?.clientAuth).toBe('client_secret_post');
      idp.addClient({ clientId: CLIENT, redirectUris: [REDIRECT], auth: { method: 'none' } });
      const r = await cli(['tenant', 'update', 'acme', '--client-auth', 'none']);
      expect(r.code).toBe(0);
      const stored = (await db.directory.getTenant('acme'))!;
      expect(stored.clientAuth).toBe('none');
      expect(stored.clientSecretCiphertext).toBeUndefined();
    });

    it('refuses a secret with a method that takes none, an empty stdin and an unknown method (exit 2, nothing written)', async () => {
      const before = await tableState(db);
      const pairs: [string | undefined, string[], RegExp][] = [
        [SECRET, ['--client-secret-stdin', '--client-auth', 'private_key_jwt'], /does not go with --client-auth private_key_jwt/],
        ['', ['--client-secret-stdin'], /standard input held no secret/],
        [undefined, ['--client-auth', 'client_secret_jwt'], /--client-auth must be one of none, client_secret_basic/],
      ];
      for (const [stdin, extra, reason] of pairs) {
        const r = await addAcme(stdin, ...extra);
        expect(r.code).toBe(2);
        expect(r.stderrLines).toEqual([expect.stringMatching(reason)]);
        noSecretIn(r);
      }
      expect(await tableState(db)).toBe(before);
    });

    it('private_key_jwt: the config sheet carries the client JWKS URL; no secret is stored', async () => {
      const r = await addAcme(undefined, '--client-auth', 'private_key_jwt', '--no-verify');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Client JWKS URL\s+https:\/\/acme\.impero\.com\/auth\/\.well-known\/client-jwks\.json/);
      expect(r.stdout).toMatch(/Sign-out redirect URI\s+https:\/\/acme\.impero\.com\/auth\/login/);
      expect(r.stdout).toMatch(/Universal Logout\s+https:\/\/acme\.impero\.com\/auth\/universal-logout/);
      expect(await db.directory.getTenant('acme')).toMatchObject({ clientAuth: 'private_key_jwt' });
      expect((await db.directory.getTenant('acme'))?.clientSecretCiphertext).toBeUndefined();
    });

    it('accepts Okta domains as they are, and another host only with --custom-domain-org', async () => {
      const base = ['tenant', 'add', '--client-id', CLIENT, '--no-verify'];
      for (const [sub, org] of [
        ['a1', 'dev-1.okta.com'],
        ['a2', 'dev-2.oktapreview.com'],
        ['a3', 'https://dev-3.okta-emea.com'],
      ]) {
        expect((await cli([...base, '--subdomain', sub!, '--okta-org', org!])).code).toBe(0);
      }
      const before = await tableState(db);
      for (const org of ['login.acme.com', 'okta.com.evil.example', 'evilokta.com']) {
        const refused = await cli([...base, '--subdomain', 'custom', '--okta-org', org]);
        expect(refused.code).toBe(2);
        expect(refused.stderrLines[0]).toMatch(/is not under okta\.com, oktapreview\.com or okta-emea\.com.*--custom-domain-org/);
      }
      expect(await tableState(db)).toBe(before);
      expect((await cli([...base, '--subdomain', 'custom', '--okta-org', 'login.acme.com', '--custom-domain-org'])).code).toBe(0);
      expect((await cli(['tenant', 'show', 'custom'])).stdout).toMatch(/Okta org\s+https:\/\/login\.acme\.com\s+\(custom domain\)/);
      expect(
        (await cli(['tenant', 'show', 'custom', '--json'])).json<{ tenant: { customDomainOrg: boolean } }>().tenant.customDomainOrg,
      ).toBe(true);
      expect((await db.directory.getTenant('a1'))?.customDomainOrg).toBe(false);
    });

    it('turns JIT on at add and off with update --no-jit', async () => {
      idp.addClient({ clientId: CLIENT, redirectUris: [REDIRECT], auth: { method: 'none' } });
      expect((await addAcme(undefined, '--jit')).code).toBe(0);
      expect((await db.directory.getTenant('acme'))?.jit).toBe(true);
      expect((await cli(['tenant', 'show', 'acme'])).stdout).toMatch(/JIT\s+on/);
      expect((await cli(['tenant', 'update', 'acme', '--no-jit'])).code).toBe(0);
      expect((await db.directory.getTenant('acme'))?.jit).toBe(false);
    });
  });
}
