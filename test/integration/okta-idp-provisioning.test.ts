/**
 * The development Okta's Provisioning page over HTTP, against the stack `npm start` runs: each
 * button sends the demo app's real SCIM API what Okta sends (with the demo tenant's SCIM token,
 * which only the dev Okta holds), and the account changes as it should — seen through the
 * support CLI and `GET /auth/session`. The page shows every request and answer, never the token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDP_CSP } from '../../lambdas/dev/okta-idp-pages.js';
import { DEMO } from '../../lambdas/dev/seed.js';
import { inProcessCli } from '../fixtures/cli.js';
import { TestBrowser } from '../fixtures/http-client.js';
import { signInAtOkta } from '../fixtures/okta-login.js';
import { startTestStack, type TestStack } from '../fixtures/stack.js';
import { within5s } from '../fixtures/scim.js';

let stack: TestStack;
let cli: ReturnType<typeof inProcessCli>;
beforeAll(async () => {
  stack = await startTestStack({ SESSION_TTL_SECONDS: '3600' });
  cli = inProcessCli(stack.directory, { sessions: stack.sessions });
}, 60_000);
afterAll(() => stack?.close());

const GRACE = DEMO.provisionedUser;
const page = () => `${stack.idp.issuer}/dev/provisioning`;
const press = (action: string, user: string = GRACE.id, more: Record<string, string> = {}, lang = 'en') =>
  new TestBrowser().postForm(
    page(),
    { client_id: DEMO.clientId, user_id: user, group: 'Demo Team', action, ...more },
    { 'accept-language': lang },
  );
const resultOf = (body: string) => /id="result">([^<]*)</.exec(body)?.[1]?.replace(/&quot;/g, '"');
const requestsOf = (body: string) =>
  [...body.matchAll(/<code>([A-Z]+) (\/scim\/v2\/[A-Za-z]+)[^<]*<\/code> → <strong>HTTP (\d+)/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);

interface Listed {
  email: string;
  active: boolean;
  givenName?: string;
  familyName?: string;
  externalId?: string;
  groups?: { displayName: string }[];
}
const listed = async (email: string) =>
  (await cli(['--json', 'account', 'list', '--tenant', DEMO.subdomain])).json<Listed[]>().find((a) => a.email === email);

async function signInGrace(): Promise<{ status: number; token?: string; body: string }> {
  const browser = new TestBrowser();
  const authorize = await browser.get(`${stack.origin()}/auth/authorize?login_hint=${encodeURIComponent(GRACE.email)}`);
  const { callbackUrl } = await signInAtOkta(browser, authorize.location!, GRACE);
  const res = await browser.get(callbackUrl);
  return { status: res.status, body: res.body, token: browser.cookie(new URL(stack.origin()).host, '__Host-impero_session') };
}
const sessionOf = (token: string) => new TestBrowser().get(`${stack.origin()}/auth/session`, { cookie: `__Host-impero_session=${token}` });

describe('the dev Okta’s Provisioning page', () => {
  it('shows the form in English and Danish, with the IdP pages’ CSP, the demo app and the dev Okta’s users', async () => {
    for (const [lang, title] of [
      ['en', 'Provisioning'],
      ['da', 'Provisionering'],
    ] as const) {
      const res = await new TestBrowser().get(page(), { 'accept-language': lang });
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toBe(IDP_CSP);
      expect(res.body).toContain(`<html lang="${lang}">`);
      expect(res.body).toContain(`<h1>${title}</h1>`);
      expect(res.body).toContain(`<option value="${DEMO.clientId}" selected>`);
      expect(res.body).toContain(`<option value="${GRACE.id}" selected>`);
    }
  });

  it('before provisioning, the dev Okta’s user has no Impero account and cannot sign in', async () => {
    expect(await listed(GRACE.email)).toBeUndefined();
    const refused = await signInGrace();
    expect(refused.token).toBeUndefined();
    expect(resultOf((await press('deactivate')).body)).toBe(`The app has no account for ${GRACE.email} yet: create the user first.`);
  });

  it('create → deactivate (sign-in refused, session ended) → reactivate → push a group → remove from it', async () => {
    const created = await press('create');
    expect(created.status).toBe(200);
    expect(resultOf(created.body)).toBe(`Created ${GRACE.email} in the app: HTTP 201.`);
    expect(requestsOf(created.body)).toEqual(['GET /scim/v2/Users 200', 'POST /scim/v2/Users 201']);
    expect(created.body).toContain('&quot;password&quot;: &quot;********&quot;');
    expect(await listed(GRACE.email)).toMatchObject({ active: true, givenName: 'Grace', familyName: 'Hopper', externalId: GRACE.id });

    const signedIn = await signInGrace();
    expect(signedIn.status).toBe(303);
    const token = signedIn.token!;
    expect((await sessionOf(token)).status).toBe(200);

    const deactivated = await press('deactivate');
    expect(requestsOf(deactivated.body)).toEqual(['PATCH /scim/v2/Users 200']);
    expect((await listed(GRACE.email))?.active).toBe(false);
    await within5s(async () => (await sessionOf(token)).status === 401);
    const refused = await signInGrace();
    expect(refused.token).toBeUndefined();
    expect(refused.status).toBe(403); // account_inactive
    expect(refused.body).toContain('<h1>Account deactivated</h1>');

    expect(requestsOf((await press('reactivate')).body)).toEqual(['PATCH /scim/v2/Users 200']);
    expect((await listed(GRACE.email))?.active).toBe(true);
    const again = await signInGrace();
    expect(again.token).toBeDefined();

    const pushed = await press('push');
    expect(resultOf(pushed.body)).toBe(`Pushed group Demo Team with ${GRACE.email} as a member: HTTP 204.`);
    expect(requestsOf(pushed.body)).toEqual(['POST /scim/v2/Groups 201', expect.stringMatching(/^PATCH \/scim\/v2\/Groups 20[04]$/)]);
    expect((await listed(GRACE.email))?.groups?.map((g) => g.displayName)).toEqual(['Demo Team']);
    await within5s(async () => JSON.stringify(JSON.parse((await sessionOf(again.token!)).body).groups) === '["Demo Team"]');

    const removed = await press('unpush');
    expect(requestsOf(removed.body)).toEqual([expect.stringMatching(/^PATCH \/scim\/v2\/Groups 20[04]$/)]);
    expect((await listed(GRACE.email))?.groups ?? []).toEqual([]);

    // The SCIM token is sent, never shown or logged.
    for (const text of [created.body, pushed.body, ...stack.logs]) expect(text).not.toMatch(/scim_[A-Za-z0-9_-]{43}/);
  });

  it('a user Impero already has (made by support) is found by userName and taken over, not made twice', async () => {
    const linked = await press('create', DEMO.user.id, {}, 'da');
    expect(linked.body).toContain('<html lang="da">');
    expect(resultOf(linked.body)).toBe(
      `Appen har allerede en konto til ${DEMO.user.email}, fundet ud fra brugernavnet: Okta overtager den i stedet for at oprette en ny.`,
    );
    expect(requestsOf(linked.body)).toEqual(['GET /scim/v2/Users 200']);
  });

  it('an account removed behind Okta’s back: the PATCH answers 404, and the id is forgotten and looked up again', async () => {
    expect((await cli(['account', 'remove', '--tenant', DEMO.subdomain, '--email', GRACE.email])).code).toBe(0);
    const failed = await press('deactivate');
    expect(resultOf(failed.body)).toBe('The app answered HTTP 404; its answer is below.');
    expect(requestsOf(failed.body)).toEqual(['PATCH /scim/v2/Users 404']);
    // Support makes her again by hand: a new account id, which the next action finds by userName.
    expect((await cli(['account', 'add', '--tenant', DEMO.subdomain, '--email', GRACE.email])).code).toBe(0);
    expect(requestsOf((await press('deactivate')).body)).toEqual(['GET /scim/v2/Users 200', 'PATCH /scim/v2/Users 200']);
    expect((await listed(GRACE.email))?.active).toBe(false);
  });

  it('refuses a form without a known app, user, group or action (400), sending nothing', async () => {
    const before = stack.logs.length;
    for (const bad of [{ client_id: 'nobody' }, { user_id: '00unobody' }, { group: ' ' }, { action: 'delete' }]) {
      const res = await new TestBrowser().postForm(page(), {
        client_id: DEMO.clientId,
        user_id: GRACE.id,
        group: 'Demo Team',
        action: 'create',
        ...bad,
      });
      expect(res.status).toBe(400);
      expect(resultOf(res.body)).toBe('Choose an app with provisioning, a user of this org, a group name and an action.');
    }
    expect(stack.logs.slice(before).filter((l) => l.includes('/scim/'))).toEqual([]);
  });
});
