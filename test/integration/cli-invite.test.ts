/**
 * `tenant invite` in-process over the memory store: a pending tenant with a hashed,
 * expiring link printed once; a new link for a still-pending tenant; refusals that change
 * nothing; and the other commands' view of a tenant that has no Okta org yet.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../lambdas/core/random-tokens.js';
import { MemoryDirectoryStore } from '../../lambdas/adapters/memory-directory.js';
import { inProcessCli } from '../fixtures/cli.js';

const NOW = new Date('2030-03-01T10:00:00.000Z');
let store: MemoryDirectoryStore;
let cli: ReturnType<typeof inProcessCli>;

beforeEach(() => {
  store = new MemoryDirectoryStore();
  cli = inProcessCli(store, { now: () => NOW });
});

const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

describe('tenant invite', () => {
  it('registers a pending tenant with its domains and prints a one-time link valid 7 days', async () => {
    const r = await cli([
      'tenant',
      'invite',
      '--subdomain',
      'acme',
      '--name',
      'Acme Inc',
      '--domain',
      'Acme.com',
      '--jit',
      '--sign-out',
      'okta',
    ]);

    expect(r.code).toBe(0);
    const url = /https:\/\/acme\.impero\.com\/auth\/setup\?token=[A-Za-z0-9_-]{43}/.exec(r.stdout)![0];
    expect(r.stdout).toMatch(
      /^Invited tenant acme \(pending: no Okta org yet\)\.\nSend this link to Acme Inc's Okta administrator\. It works once, for 7 days \(until 2030-03-08T10:00:00\.000Z\)/,
    );
    const tenant = await store.getTenant('acme');
    expect(tenant).toMatchObject({
      status: 'pending',
      name: 'Acme Inc',
      issuer: '',
      clientId: '',
      domains: ['acme.com'],
      jit: true,
      signOut: 'okta',
      clientAuth: 'none',
    });
    expect(tenant!.setup).toEqual({ tokenHash: sha256(tokenOf(url)), expiresAt: '2030-03-08T10:00:00.000Z', failedAttempts: 0 });
    expect(await store.tenantForDomain('acme.com')).toBe('acme');
    expect(JSON.stringify(await store.listTenants())).not.toContain(tokenOf(url));
  });

  it('gives a pending tenant a new link that replaces the old one (--json)', async () => {
    const first = (await cli(['tenant', 'invite', '--subdomain', 'acme', '--json'])).json<{ setupUrl: string }>();
    const second = await cli(['tenant', 'invite', '--subdomain', 'acme', '--json']);

    expect(second.code).toBe(0);
    const out = second.json<{ setupUrl: string; replacedEarlierLink: boolean; status: string }>();
    expect(out).toMatchObject({ tenant: 'acme', status: 'pending', replacedEarlierLink: true, expiresAt: '2030-03-08T10:00:00.000Z' });
    expect(out.setupUrl).not.toBe(first.setupUrl);
    expect((await store.getTenant('acme'))!.setup!.tokenHash).toBe(sha256(tokenOf(out.setupUrl)));
  });

  it('refuses an active tenant, a renewal with details, and a claimed domain, changing nothing', async () => {
    await store.createTenant(
      { subdomain: 'live', name: 'Live', issuer: 'https://live.okta.com', clientId: '0oalive0000000000001', domains: ['live.com'] },
      NOW,
    );
    await cli(['tenant', 'invite', '--subdomain', 'acme']);
    const before = JSON.stringify(await store.listTenants());

    for (const [args, reason] of [
      [['--subdomain', 'live'], /"live" already exists and is active/],
      [['--subdomain', 'acme', '--name', 'Other'], /"acme" is already invited/],
      [['--subdomain', 'new', '--domain', 'live.com'], /"live\.com" is already claimed by tenant "live"/],
    ] as const) {
      const r = await cli(['tenant', 'invite', ...args]);
      expect(r.code).toBe(1);
      expect(r.stderrLines).toEqual([expect.stringMatching(reason)]);
    }
    expect(JSON.stringify(await store.listTenants())).toBe(before);
    expect(await store.getTenant('new')).toBeUndefined();
  });
});

describe('a pending tenant in the other commands', () => {
  beforeEach(async () => {
    await cli(['tenant', 'invite', '--subdomain', 'acme']);
  });

  it('shows the link’s state but never its hash', async () => {
    const text = (await cli(['tenant', 'show', 'acme'])).stdout;
    expect(text).toMatch(/status {6}pending\n/);
    expect(text).toMatch(/Okta org {4}\(not set up yet\)\n {2}client id {3}\(not set up yet\)/);
    expect(text).toMatch(/setup link {2}(valid|expired) until 2030-03-08T10:00:00\.000Z, 0 failed attempt\(s\)/);
    const json = await cli(['tenant', 'show', 'acme', '--json']);
    expect(json.json()).toMatchObject({
      tenant: { status: 'pending', setup: { expiresAt: '2030-03-08T10:00:00.000Z', failedAttempts: 0 } },
    });
    expect(json.stdout).not.toContain('tokenHash');
    expect((await cli(['tenant', 'list', '--json'])).stdout).not.toContain('tokenHash');
  });

  it('refuses to verify or enable it before it has an Okta org', async () => {
    const verify = await cli(['tenant', 'verify', 'acme']);
    expect([verify.code, verify.stderrLines]).toEqual([1, ['error: tenant "acme" has no Okta org yet (pending): nothing to verify']]);
    const enable = await cli(['tenant', 'enable', 'acme']);
    expect(enable.code).toBe(1);
    expect(enable.stderrLines).toEqual([expect.stringMatching(/has no Okta org yet: it is set up through its setup link/)]);
    expect((await store.getTenant('acme'))?.status).toBe('pending');
  });
});
