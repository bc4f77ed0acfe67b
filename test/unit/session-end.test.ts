/**
 * The session core with in-memory stores, where faults a real part cannot produce on demand
 * are injected: a clock at `exp`, storage that fails mid-revocation, an Okta that is down at
 * logout. Everything else about sessions is proven over HTTP in test/integration.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LocalSigner } from '../../lambdas/adapters/local-signer.js';
import { MemoryDirectoryStore } from '../../lambdas/adapters/memory-directory.js';
import { MemorySessionStore } from '../../lambdas/adapters/memory-sessions.js';
import { MemoryTransactionStore } from '../../lambdas/adapters/memory-transactions.js';
import { loadConfig } from '../../lambdas/core/config.js';
import type { Deps } from '../../lambdas/core/deps.js';
import { AuthError } from '../../lambdas/core/errors.js';
import { resolveSite } from '../../lambdas/core/host.js';
import { logout } from '../../lambdas/core/logout.js';
import type { IdentityProvider, SessionStore } from '../../lambdas/core/ports.js';
import { csrfToken, issueSessionToken } from '../../lambdas/core/session.js';
import { checkSession } from '../../lambdas/core/session-check.js';
import { universalLogout } from '../../lambdas/core/universal-logout.js';

const config = loadConfig({ BASE_DOMAIN: 'impero.com' });
const site = resolveSite(config, 'acme.impero.com');
const signer = new LocalSigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
const T0 = new Date('2030-01-01T00:00:00Z');

/** An identity provider whose verdicts the test decides: the token checks themselves are tested over HTTP. */
const idp = (over: Partial<IdentityProvider> = {}): IdentityProvider => ({
  authorizationUrl: async () => new URL('https://acme.okta.com/'),
  completeLogin: async () => ({ iss: 'https://acme.okta.com', sub: '00u1' }),
  endSessionUrl: async () => new URL('https://acme.okta.com/oauth2/v1/logout?x=1'),
  verifyLogoutToken: async () => ({ jti: 'jti-1', acceptedUntil: 2_000_000_005 }),
  ...over,
});

async function world(options: { sessions?: SessionStore; idp?: IdentityProvider; signOut?: 'impero' | 'okta' } = {}) {
  const directory = new MemoryDirectoryStore();
  await directory.createTenant(
    {
      subdomain: 'acme',
      name: 'Acme',
      issuer: 'https://acme.okta.com',
      clientId: '0oaacme0000000000001',
      domains: [],
      signOut: options.signOut,
    },
    T0,
  );
  const account = await directory.addAccount({ tenant: 'acme', email: 'ada@acme.example' }, T0);
  const lines: string[] = [];
  const record = (level: string) => (m: string, f?: Record<string, unknown>) => lines.push(`${level} ${m} ${JSON.stringify(f)}`);
  let now = T0;
  const sessions = options.sessions ?? new MemorySessionStore();
  const deps: Deps = {
    config,
    directory,
    transactions: new MemoryTransactionStore(),
    sessions,
    idp: options.idp ?? idp(),
    signer,
    // Ending sessions opens no secret and signs nothing: any use fails the test.
    secrets: { encrypt: unused, decrypt: unused },
    clientAssertionSigner: { kid: unused, sign: unused, publicJwks: unused },
    clock: { now: () => now },
    log: { info: record('info'), warn: record('warn'), error: record('error') },
    events: { record: () => undefined, flush: async () => undefined },
    selfTest: { run: unused },
  };
  const { token, claims } = await issueSessionToken(signer, account, site.origin, T0, 3600);
  await sessions.create({
    tenant: 'acme',
    accountId: account.id,
    email: account.email,
    sid: claims.sid,
    createdAt: T0.toISOString(),
    expiresAt: claims.exp,
    idToken: 'eyJ.id',
  });
  return { deps, token, claims, lines, setNow: (d: Date) => (now = d) };
}

const unused = async (): Promise<never> => {
  throw new Error('not used by sessions');
};

const codeOf = async (p: Promise<unknown>) =>
  (
    (await p.then(
      () => undefined,
      (e: unknown) => e,
    )) as AuthError | undefined
  )?.code;

describe('checkSession', () => {
  it('is live until exp and ends at exp, where the token and the record both stop', async () => {
    const w = await world();
    expect(await checkSession(w.deps, site, w.token)).toEqual({
      sub: w.claims.sub,
      email: 'ada@acme.example',
      tenant: 'acme',
      sid: w.claims.sid,
      exp: w.claims.exp,
      groups: [],
    });
    w.setNow(new Date((w.claims.exp - 1) * 1000));
    expect((await checkSession(w.deps, site, w.token)).sid).toBe(w.claims.sid);
    w.setNow(new Date(w.claims.exp * 1000));
    expect(await codeOf(checkSession(w.deps, site, w.token))).toBe('no_session');
  });

  it('shows the SCIM group names the session record carries, sorted, and [] once they are gone', async () => {
    const w = await world();
    expect(await w.deps.sessions.setGroupNames('acme', w.claims.sub, ['Sales', 'Engineering'], 1)).toBe(1);
    expect((await checkSession(w.deps, site, w.token)).groups).toEqual(['Engineering', 'Sales']);
    await w.deps.sessions.setGroupNames('acme', w.claims.sub, [], 2);
    expect((await checkSession(w.deps, site, w.token)).groups).toEqual([]);
  });

  it('answers no_session on the bare host', async () => {
    const w = await world();
    expect(await codeOf(checkSession(w.deps, resolveSite(config, 'impero.com'), w.token))).toBe('no_session');
  });
});

describe('universalLogout when storage fails', () => {
  const failing = (method: 'useTokenId' | 'endAccount') => {
    const store = new MemorySessionStore();
    store[method] = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { name: 'TimeoutError' });
    };
    return store;
  };

  it.each(['useTokenId', 'endAccount'] as const)(
    'answers 422 revocation_failed when %s fails, and logs the line the alarm counts',
    async (method) => {
      const w = await world({ sessions: failing(method) });
      const error = await universalLogout(w.deps, site, {
        authorization: 'Bearer a.b.c',
        body: () => ({ subject: { format: 'email', email: 'ada@acme.example' } }),
      }).catch((e: AuthError) => e);
      expect(error).toMatchObject({ code: 'revocation_failed', status: 422 });
      expect(w.lines).toEqual([
        expect.stringMatching(
          /^warn universal logout failed .*"event":"universal_logout_failed".*"errorCode":"revocation_failed".*ECONNREFUSED/,
        ),
      ]);
    },
  );

  it('lets Okta retry the same token after a storage failure of ours, and refuses it once it has worked', async () => {
    const store = new MemorySessionStore();
    const endAccount = store.endAccount.bind(store);
    let down = true;
    store.endAccount = async (...args) => {
      if (down) throw Object.assign(new Error('connect ECONNREFUSED'), { name: 'TimeoutError' });
      return endAccount(...args);
    };
    const w = await world({ sessions: store });
    const send = () =>
      universalLogout(w.deps, site, {
        authorization: 'Bearer a.b.c',
        body: () => ({ subject: { format: 'email', email: 'ada@acme.example' } }),
      });
    expect(await codeOf(send())).toBe('revocation_failed');
    expect(await checkSession(w.deps, site, w.token)).toMatchObject({ sid: w.claims.sid });

    down = false;
    expect(await send()).toEqual({ ended: 1 });
    expect(await codeOf(checkSession(w.deps, site, w.token))).toBe('no_session');
    expect(await codeOf(send())).toBe('invalid_token');
  });

  it('does not count refusals of unauthenticated callers as failures', async () => {
    const w = await world({ idp: idp({ verifyLogoutToken: async () => Promise.reject(new AuthError('invalid_token', 'bad token')) }) });
    expect(await codeOf(universalLogout(w.deps, site, { authorization: 'Bearer a.b.c', body: () => ({}) }))).toBe('invalid_token');
    expect(w.lines).toEqual([expect.stringMatching(/^info universal logout refused .*"event":"universal_logout_refused"/)]);
  });
});

describe('logout when the session keys cannot be loaded', () => {
  it('fails instead of clearing the cookie while the session lives on', async () => {
    const w = await world();
    w.deps.signer = {
      kid: signer.kid.bind(signer),
      sign: signer.sign.bind(signer),
      publicJwks: async () => Promise.reject(new Error('KMS throttled')),
    };
    await expect(logout(w.deps, site, { token: w.token, csrf: csrfToken(w.claims.sid) })).rejects.toThrow('KMS throttled');
    w.deps.signer = signer;
    expect(await checkSession(w.deps, site, w.token)).toMatchObject({ sid: w.claims.sid });
  });
});

describe('logout at a tenant that signs out at Okta', () => {
  it('sends the browser to Okta with the kept ID token', async () => {
    const w = await world({ signOut: 'okta' });
    const out = await logout(w.deps, site, { token: w.token, csrf: csrfToken(w.claims.sid) });
    expect(out.redirectTo).toBe('https://acme.okta.com/oauth2/v1/logout?x=1');
    expect(out.cookies).toEqual([expect.stringMatching(/^__Host-impero_session=; Max-Age=0/)]);
  });

  it('still ends the session and clears the cookie when Okta cannot be reached, landing on the login page', async () => {
    const down = idp({ endSessionUrl: async () => Promise.reject(new AuthError('idp_unavailable', 'Okta could not be reached in time.')) });
    const w = await world({ signOut: 'okta', idp: down });
    const out = await logout(w.deps, site, { token: w.token, csrf: csrfToken(w.claims.sid) });
    expect(out).toEqual({
      redirectTo: 'https://acme.impero.com/auth/login',
      cookies: [expect.stringMatching(/^__Host-impero_session=; Max-Age=0/)],
    });
    expect(await codeOf(checkSession(w.deps, site, w.token))).toBe('no_session');
    expect(w.lines.some((l) => /^warn sign-out at Okta skipped .*idp_unavailable/.test(l))).toBe(true);
  });
});
