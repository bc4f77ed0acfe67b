/**
 * The setup use case in core, behind its self-test port, without HTTP: the real self-test
 * (over loopback, against the Okta-shaped dev IdP) is wrapped only to see what it was asked.
 * Proves the flow gives the port the same target the CLI and the config sheet use, with the
 * credentials the client-credential rules give, and that it counts, seals and activates.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalSecretBox } from '../../lambdas/adapters/local-secret-box.js';
import { MemoryDirectoryStore } from '../../lambdas/adapters/memory-directory.js';
import { httpSelfTest } from '../../lambdas/adapters/self-test.js';
import { configSheet } from '../../lambdas/core/config-sheet.js';
import { loadConfig } from '../../lambdas/core/config.js';
import { resolveSite } from '../../lambdas/core/host.js';
import type { SelfTestTarget } from '../../lambdas/core/self-test.js';
import { openSetup, submitSetup, type SetupDeps } from '../../lambdas/core/setup-flow.js';
import { newSetupLink } from '../../lambdas/core/setup-link.js';
import { startOktaIdp, type OktaIdp } from '../../lambdas/dev/okta-idp.js';

const config = loadConfig({ BASE_DOMAIN: 'localhost', PUBLIC_PORT: '3000' });
const site = resolveSite(config, 'acme.localhost:3000');
const ORIGIN = 'http://acme.localhost:3000';
const CLIENT = '0oaacme0000000000001';
const SECRET = 'app-secret-0123456789';
const T0 = new Date('2030-01-01T00:00:00Z');

async function world(idp: OktaIdp) {
  const directory = new MemoryDirectoryStore();
  const { token, link } = newSetupLink(T0);
  await directory.createTenant(
    { subdomain: 'acme', name: 'Acme', issuer: '', clientId: '', domains: [], status: 'pending', setup: link },
    T0,
  );
  const targets: SelfTestTarget[] = [];
  const real = httpSelfTest({ fetch: globalThis.fetch, timeoutMs: 2000, allowLoopback: true });
  const events: string[] = [];
  const secrets = new LocalSecretBox(randomBytes(32));
  const deps: SetupDeps = {
    config,
    directory,
    selfTest: { run: (target) => (targets.push(target), real.run(target)) },
    secrets,
    events: { record: (e) => void events.push(`${e.type}:${e.errorCode ?? 'ok'}`), flush: async () => undefined },
    clock: { now: () => T0 },
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
  };
  return { deps, token, directory, targets, events, secrets, issuer: idp.issuer };
}

describe('the setup use case (core/setup-flow.ts)', () => {
  let idp: OktaIdp;
  beforeAll(async () => {
    idp = await startOktaIdp({
      clients: [{ clientId: CLIENT, redirectUris: [`${ORIGIN}/auth/callback`], auth: { method: 'client_secret_basic', secret: SECRET } }],
    });
  });
  afterAll(async () => idp?.close());

  it('shows the config sheet of a live link', async () => {
    const w = await world(idp);
    const tenant = (await w.directory.getTenant('acme'))!;
    expect(await openSetup(w.deps, site, w.token)).toEqual({ tenantName: 'Acme', sheet: configSheet(tenant, ORIGIN) });
  });

  it('runs the self-test on the sheet’s target with a secret’s default method, and activates with the secret sealed', async () => {
    const w = await world(idp);
    const outcome = await submitSetup(w.deps, site, w.token, { oktaOrg: w.issuer, clientId: CLIENT, clientSecret: SECRET });
    expect(outcome).toMatchObject({ done: true, tenantName: 'Acme', loginUrl: `${ORIGIN}/auth/login` });
    expect(w.targets).toEqual([
      {
        issuer: w.issuer,
        clientId: CLIENT,
        redirectUri: configSheet({ subdomain: 'acme', clientAuth: 'none' }, ORIGIN).signInRedirectUri,
        credentials: { method: 'client_secret_basic', secret: SECRET },
        clientJwksUrl: `${ORIGIN}/auth/.well-known/client-jwks.json`,
      },
    ]);
    const tenant = (await w.directory.getTenant('acme'))!;
    expect(tenant).toMatchObject({ status: 'active', issuer: w.issuer, clientId: CLIENT, clientAuth: 'client_secret_basic' });
    expect(tenant.clientSecretCiphertext).not.toContain(SECRET);
    expect(await w.secrets.decrypt(tenant.clientSecretCiphertext!, 'acme')).toBe(SECRET);
    expect(tenant.setup?.spentAt).toBe(T0.toISOString());
    expect(w.events).toEqual(['tenant_setup:ok']);
  });

  it('counts a failed self-test (no secret: PKCE only, which this app refuses) and keeps the tenant pending', async () => {
    const w = await world(idp);
    const outcome = await submitSetup(w.deps, site, w.token, { oktaOrg: w.issuer, clientId: CLIENT, clientSecret: '' });
    expect(outcome).toMatchObject({ done: false, status: 200, tenantName: 'Acme' });
    expect(outcome.done === false && outcome.checks?.find((c) => c.id === 'client')).toMatchObject({
      status: 'fail',
      finding: { key: 'client_rejected_none' },
    });
    expect(w.targets.map((t) => t.credentials)).toEqual([{ method: 'none' }]);
    expect(await w.directory.getTenant('acme')).toMatchObject({ status: 'pending', issuer: '', setup: { failedAttempts: 1 } });
    expect((await w.directory.getTenant('acme'))!.clientSecretCiphertext).toBeUndefined();
    expect(w.events).toEqual(['tenant_setup:self_test_failed']);
  });

  it('answers a malformed org with a 400 form, without running the self-test or counting the attempt', async () => {
    const w = await world(idp);
    const outcome = await submitSetup(w.deps, site, w.token, {
      oktaOrg: 'https://acme.okta.com/oauth2/default',
      clientId: CLIENT,
      clientSecret: '',
    });
    expect(outcome).toMatchObject({ done: false, status: 400, error: { field: 'okta_org', problem: 'orgInvalid' } });
    expect(w.targets).toEqual([]);
    expect(await w.directory.getTenant('acme')).toMatchObject({ status: 'pending', setup: { failedAttempts: 0 } });
  });
});
