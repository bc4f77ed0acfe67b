/**
 * The setup link over real HTTP, through the handlers, against the dev Okta: `tenant invite`
 * makes a pending tenant and a link; the page shows the config sheet and a form; a wrong
 * Client ID fails visibly and counts an attempt; the right one activates the tenant and spends
 * the link. Every misuse — wrong, missing, expired, spent or worn-out token, a post without
 * this browser's form value or from another site — gets a 4xx page and changes nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_SETUP_FAILURES } from '../../lambdas/core/setup-link.js';
import { scanAll } from '../fixtures/dynamodb.js';
import { inviteTenant } from '../fixtures/invite.js';
import { TestBrowser, type Response } from '../fixtures/http-client.js';
import { startTestStack, type TestStack } from '../fixtures/stack.js';

let stack: TestStack;
const CLIENT = '0oasetup000000000001';
let serial = 0;
let sub: string;
let origin: string;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

/** `tenant invite` in-process, writing to the stack's tables with its local addresses. */
const invite = (subdomain: string, again = false): Promise<string> => inviteTenant(stack, subdomain, again ? undefined : 'Setup Co');

const directoryState = async () => JSON.stringify((await scanAll(stack.doc, stack.tables.directory)).map((i) => JSON.stringify(i)).sort());
const form = (res: Response) => ({
  token: /name="token" value="([^"]+)"/.exec(res.body)![1]!,
  csrf: /name="csrf" value="([^"]+)"/.exec(res.body)![1]!,
});

async function openLink(browser: TestBrowser, url: string) {
  const page = await browser.get(url);
  expect(page.status).toBe(200);
  return form(page);
}

/** What a browser sends with a post from our own page (the setup form's same-origin rule, as sign-out's). */
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };
const submit = (browser: TestBrowser, fields: Record<string, string>, headers: Record<string, string> = SAME_ORIGIN) =>
  browser.postForm(`${origin}/auth/setup`, { okta_org: stack.idp.issuer, client_id: CLIENT, client_secret: '', ...fields }, headers);

function expectRefusal(res: Response, status: number, text: RegExp) {
  expect(res.status).toBe(status);
  expect(res.body).toMatch(text);
  expect(res.body).not.toContain('name="okta_org"');
  expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
}

beforeEach(() => {
  sub = `setup${++serial}`;
  origin = stack.origin(sub);
  stack.idp.addClient({ clientId: CLIENT, redirectUris: [`${origin}/auth/callback`] });
});

describe('the setup page', () => {
  it('shows the config sheet and the form with the headers of every page, and sets the form cookie', async () => {
    const url = await invite(sub);
    expect(url).toMatch(new RegExp(`^${origin}/auth/setup\\?token=[A-Za-z0-9_-]{43}$`));

    const page = await new TestBrowser().get(url);

    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1>Set up Okta sign-in for Setup Co</h1>');
    for (const value of [`${origin}/auth/callback`, `${origin}/auth/authorize`, `<code>${sub}</code>`, `${origin}/auth/login`])
      expect(page.body).toContain(value);
    expect(page.body).toMatch(/<form method="post" action="\/auth\/setup">/);
    expect(page.body).not.toMatch(/<script/i);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'.*form-action 'self';/);
    expect(page.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    expect(page.setCookies).toEqual([
      expect.stringMatching(/^__Host-impero_setup=[A-Za-z0-9_-]{43}; Max-Age=3600; Path=\/; Secure; HttpOnly; SameSite=Lax$/),
    ]);
  });

  it('leaves the pending tenant’s login page saying sign-in is not set up yet', async () => {
    await invite(sub);
    const login = await new TestBrowser().get(`${origin}/auth/login`);
    expect(login.status).toBe(403);
    expect(login.body).toMatch(/not set up yet/);
  });
});

describe('in Danish', () => {
  const DA = { 'accept-language': 'da-DK,da;q=0.9', ...SAME_ORIGIN };

  it('the page, a failed test with its hint, a form error tied to its field and a refused link follow Accept-Language', async () => {
    const url = await invite(sub);
    const browser = new TestBrowser();
    const page = await browser.get(url, DA);
    expect(page.headers['content-language']).toBe('da');
    expect(page.body).toContain('<html lang="da">');
    expect(page.body).toContain('<h1>Opsæt login med Okta for Setup Co</h1>');
    expect(page.body).toContain('<b>Applications → Applications → Create App Integration</b>');

    const failed = await submit(browser, { ...form(page), client_id: '0oawrong000000000000' }, DA);
    expect(failed.body).toContain('Testresultat: 1 kontrol fejlede');
    expect(failed.body).toContain('<b>✗ Okta accepterer klient-id’et</b>');
    expect(failed.body).toContain('Okta accepterer ikke klient-id’et 0oawrong000000000000 uden klienthemmelighed.');
    expect(failed.body).toContain('Sådan retter du det: Kopiér klient-id’et');

    const badId = await submit(browser, { ...form(page), client_id: 'no pe' }, DA);
    expect(badId.status).toBe(400);
    expect(badId.body).toContain('<p class="error" role="alert" id="setup-error">Klient-id: kopiér det');
    expect(badId.body).toMatch(/<input id="client_id" [^>]*value="no pe" aria-describedby="setup-error" aria-invalid="true">/);
    expect(badId.body).toMatch(/<input id="okta_org" [^>]*value="[^"]*">/);

    const wrong = await new TestBrowser().get(`${origin}/auth/setup?token=${'A'.repeat(43)}`, DA);
    expect(wrong.status).toBe(403);
    expect(wrong.body).toContain('<h1>Dette opsætningslink virker ikke</h1>');
    expect(wrong.body).toContain('Dette opsætningslink er ikke gyldigt.');
  });

  it('the pending tenant’s login page says in Danish that sign-in is not set up yet', async () => {
    await invite(sub);
    const login = await new TestBrowser().get(`${origin}/auth/login`, DA);
    expect(login.status).toBe(403);
    expect(login.body).toContain('Login med Okta for Setup Co er ikke sat op endnu.');
  });
});

describe('submitting the form', () => {
  it('shows ✗ with a hint for a wrong Client ID, counts the attempt, and keeps the tenant pending', async () => {
    const browser = new TestBrowser();
    const fields = await openLink(browser, await invite(sub));

    const res = await submit(browser, { ...fields, client_id: '0oawrong000000000000' });

    expect(res.status).toBe(200);
    expect(res.body).toMatch(/Test result: 1 check failed/);
    expect(res.body).toMatch(/✓ Okta org found/);
    expect(res.body).toMatch(
      /✗ Client ID accepted by Okta<\/b><br><span class="meta">Okta does not accept the Client ID 0oawrong000000000000 without a client secret\./,
    );
    expect(res.body).not.toContain('invalid_client');
    expect(res.body).toMatch(/How to fix: Copy the Client ID/);
    expect(res.body).toContain('value="0oawrong000000000000"');
    const tenant = await stack.directory.getTenant(sub);
    expect(tenant).toMatchObject({ status: 'pending', issuer: '', clientId: '', setup: { failedAttempts: 1 } });
    expect((await stack.events.list(sub, { since: new Date(0) }))[0]).toMatchObject({
      type: 'tenant_setup',
      errorCode: 'self_test_failed',
    });
  });

  it('activates the tenant when every check passes, spends the link, and records it', async () => {
    const browser = new TestBrowser();
    const url = await invite(sub);
    const fields = await openLink(browser, url);

    const res = await submit(browser, { ...fields, okta_org: ` ${stack.idp.issuer}/ ` });

    expect(res.status).toBe(200);
    expect(res.body).toContain('<h1>Okta sign-in for Setup Co is on</h1>');
    expect(res.body.match(/✓/g)).toHaveLength(7);
    expect(res.body).toContain(
      `<b>✓ Sign-in redirect URI registered in Okta</b><br><span class="meta">Okta sends users back to ${origin}/auth/callback.</span>`,
    );
    expect(res.setCookies).toEqual([expect.stringMatching(/^__Host-impero_setup=; Max-Age=0/)]);
    const tenant = await stack.directory.getTenant(sub);
    expect(tenant).toMatchObject({
      status: 'active',
      issuer: stack.idp.issuer,
      clientId: CLIENT,
      domains: [`${sub}.example`],
      setup: { failedAttempts: 0 },
    });
    expect(tenant!.setup!.spentAt).toBeDefined();
    expect((await stack.events.list(sub, { since: new Date(0) }))[0]).toMatchObject({ type: 'tenant_setup' });
    expect((await stack.events.list(sub, { since: new Date(0) }))[0]!.errorCode).toBeUndefined();
    expect((await new TestBrowser().get(`${origin}/auth/login`)).status).toBe(200);

    const state = await directoryState();
    expectRefusal(await browser.get(url), 403, /already used/);
    // The form cookie went with the success page; with a fresh one the link itself is refused.
    expectRefusal(await submit(browser, { ...fields, okta_org: 'https://evil.okta.com' }), 403, /Open the setup link/);
    expect(await directoryState()).toBe(state);
  });

  it('shows ✗ with the URI to add when the Okta app lacks the sign-in redirect URI, in English and Danish, and switches on once it is added', async () => {
    const client = '0oasetupnoredirect01';
    stack.idp.addClient({ clientId: client, redirectUris: [`${stack.origin('elsewhere')}/auth/callback`] });
    const browser = new TestBrowser();
    const fields = await openLink(browser, await invite(sub));
    const uri = `${origin}/auth/callback`;

    const en = await submit(browser, { ...fields, client_id: client });
    expect(en.status).toBe(200);
    expect(en.body).toMatch(/Test result: 1 check failed/);
    expect(en.body).toContain('<b>✓ Client ID accepted by Okta</b>');
    expect(en.body).toContain(
      `<li class="fail"><b>✗ Sign-in redirect URI registered in Okta</b><br><span class="meta">Okta answered HTTP 400 (its error page) instead of sending users back to ${uri}.</span>` +
        `<br>How to fix: In the app’s General tab in Okta, add ${uri} to “Sign-in redirect URIs” exactly as shown above, and save.`,
    );
    const da = await submit(browser, { ...fields, client_id: client }, { 'accept-language': 'da', ...SAME_ORIGIN });
    expect(da.body).toContain('Testresultat: 1 kontrol fejlede');
    expect(da.body).toContain(
      `<b>✗ Login-omdirigerings-URI’en er registreret i Okta</b><br><span class="meta">Okta svarede HTTP 400 (sin fejlside) i stedet for at sende brugerne tilbage til ${uri}.</span>`,
    );
    expect(da.body).toContain(`Sådan retter du det: Tilføj ${uri} under “Sign-in redirect URIs” på appens fane General i Okta`);
    expect(await stack.directory.getTenant(sub)).toMatchObject({ status: 'pending', issuer: '', setup: { failedAttempts: 2 } });

    stack.idp.addClient({ clientId: client, redirectUris: [uri] });
    const done = await submit(browser, { ...fields, client_id: client });
    expect(done.body).toContain('is on</h1>');
    expect(await stack.directory.getTenant(sub)).toMatchObject({ status: 'active', clientId: client });
  });

  it('refuses a malformed org URL, a custom-domain org or a malformed secret with a 400 form, counting nothing and never echoing the secret', async () => {
    const browser = new TestBrowser();
    const fields = await openLink(browser, await invite(sub));
    const state = await directoryState();

    const badOrg = await submit(browser, { ...fields, okta_org: 'https://acme.okta.com/oauth2/default' });
    expect(badOrg.status).toBe(400);
    expect(badOrg.body).toMatch(/role="alert" id="setup-error">Okta org URL: /);
    const customDomain = await submit(browser, { ...fields, okta_org: 'login.acme.example' });
    expect(customDomain.status).toBe(400);
    expect(customDomain.body).toMatch(/For an Okta custom domain, ask your Impero contact/);
    const secret = await submit(browser, { ...fields, client_secret: 'a very secret value' });
    expect(secret.status).toBe(400);
    expect(secret.body).not.toContain('a very secret value');
    expect(await directoryState()).toBe(state);
  });

  it('checks a client secret as the login will use it, and stores it only sealed', async () => {
    const confidential = '0oasetupweb000000001';
    const secret = `web-app-secret-${sub}-0123456789`;
    stack.idp.addClient({
      clientId: confidential,
      redirectUris: [`${origin}/auth/callback`],
      auth: { method: 'client_secret_basic', secret },
    });
    const browser = new TestBrowser();
    const fields = await openLink(browser, await invite(sub));

    const wrong = await submit(browser, { ...fields, client_id: confidential, client_secret: 'not-the-secret' });
    expect(wrong.status).toBe(200);
    expect(wrong.body).toMatch(/✗ Client ID accepted by Okta/);
    expect(wrong.body).not.toContain('not-the-secret');
    const none = await submit(browser, { ...fields, client_id: confidential });
    expect(none.body).toMatch(/✗ Client ID accepted by Okta/);
    expect((await stack.directory.getTenant(sub))?.setup?.failedAttempts).toBe(2);

    const right = await submit(browser, { ...fields, client_id: confidential, client_secret: secret });
    expect(right.status).toBe(200);
    expect(right.body).toContain('is on</h1>');
    expect(right.body).not.toContain(secret);
    const tenant = await stack.directory.getTenant(sub);
    expect(tenant).toMatchObject({ status: 'active', clientId: confidential, clientAuth: 'client_secret_basic' });
    expect(tenant!.clientSecretCiphertext).toMatch(/\S{20,}/);
    expect(await directoryState()).not.toContain(secret);
    expect(stack.logs.join('\n')).not.toContain(secret);
  });
});

describe('misuse of the link changes nothing', () => {
  it('refuses a wrong or missing token, on the page and on the form', async () => {
    const browser = new TestBrowser();
    const fields = await openLink(browser, await invite(sub));
    const state = await directoryState();

    expectRefusal(await browser.get(`${origin}/auth/setup?token=${'A'.repeat(43)}`), 403, /This setup link is not valid/);
    expectRefusal(await browser.get(`${origin}/auth/setup`), 403, /not valid/);
    expectRefusal(await browser.get(`${origin}/auth/setup?token=x`), 403, /not valid/);
    expectRefusal(await submit(browser, { ...fields, token: 'B'.repeat(43) }), 403, /not valid/);
    expectRefusal(
      await new TestBrowser().get(`${stack.origin('nobody')}/auth/setup?token=${fields.token}`),
      404,
      /no Impero sign-in at this address/i,
    );
    expect(await directoryState()).toBe(state);
  });

  it('refuses an expired link', async () => {
    const browser = new TestBrowser();
    const url = await invite(sub);
    const fields = await openLink(browser, url);
    const tenant = (await stack.directory.getTenant(sub))!;
    await stack.directory.updateTenant(
      sub,
      tenant.version,
      { setup: { ...tenant.setup!, expiresAt: new Date(Date.now() - 1000).toISOString() } },
      new Date(),
    );
    const state = await directoryState();

    expectRefusal(await browser.get(url), 403, /This setup link expired on/);
    expectRefusal(await submit(browser, fields), 403, /expired/);
    expect(await directoryState()).toBe(state);
  });

  it('runs one self-test for submissions sent at once, and counts it; the others change nothing', async () => {
    const browser = new TestBrowser();
    const fields = await openLink(browser, await invite(sub));

    const logged = stack.logs.length;
    const answers = await Promise.all(Array.from({ length: 5 }, () => submit(browser, { ...fields, client_id: '0oawrong000000000000' })));
    const probes = stack.logs.slice(logged).filter((line) => line.startsWith('idp: token request refused'));

    const tested = answers.filter((r) => r.status === 200);
    const refused = answers.filter((r) => r.status !== 200);
    expect(tested.length).toBeGreaterThanOrEqual(1);
    for (const r of tested) expect(r.body).toMatch(/Test result: 1 check failed/);
    for (const r of refused) expectRefusal(r, 403, /another window/);
    expect((await stack.directory.getTenant(sub))?.setup?.failedAttempts).toBe(tested.length);
    expect(await stack.events.list(sub, { since: new Date(0) })).toHaveLength(tested.length);
    expect(probes).toHaveLength(tested.length); // each self-test asks Okta's token endpoint once
  });

  it(`stops working after ${MAX_SETUP_FAILURES} failed self-tests, and a new invite replaces it`, async () => {
    const browser = new TestBrowser();
    const url = await invite(sub);
    const fields = await openLink(browser, url);
    const tenant = (await stack.directory.getTenant(sub))!;
    await stack.directory.updateTenant(
      sub,
      tenant.version,
      { setup: { ...tenant.setup!, failedAttempts: MAX_SETUP_FAILURES - 1 } },
      new Date(),
    );

    expect((await submit(browser, { ...fields, client_id: '0oawrong000000000000' })).status).toBe(200);
    const state = await directoryState();
    expectRefusal(await browser.get(url), 403, new RegExp(`tried ${MAX_SETUP_FAILURES} times`));
    expectRefusal(await submit(browser, fields), 403, /no longer works/);
    expect(await directoryState()).toBe(state);

    const renewed = await invite(sub, true);
    expect(renewed).not.toBe(url);
    expectRefusal(await browser.get(url), 403, /not valid/);
    const again = await openLink(browser, renewed);
    expect((await submit(browser, again)).status).toBe(200);
    expect((await stack.directory.getTenant(sub))?.status).toBe('active');
  });

  it('accepts a post of only the public form fields (token, okta_org, client_id) from a client without the form cookie', async () => {
    const url = await invite(sub);
    const token = new URL(url).searchParams.get('token')!;
    // An older browser without Sec-Fetch-Site that sends this page's Origin.
    const res = await new TestBrowser().postForm(
      `${origin}/auth/setup`,
      { token, okta_org: stack.idp.issuer, client_id: CLIENT },
      { origin },
    );
    expect(res.status).toBe(200);
    expect((await stack.directory.getTenant(sub))?.status).toBe('active');
  });

  it('shows the form again, with a fresh form value and cookie, to a post of only the public form fields (never a 500)', async () => {
    const token = new URL(await invite(sub)).searchParams.get('token')!;
    const browser = new TestBrowser();
    const post = (fields: Record<string, string>) => browser.postForm(`${origin}/auth/setup`, { token, ...fields }, SAME_ORIGIN);

    const badOrg = await post({ okta_org: 'https://acme.okta.com/oauth2/default', client_id: CLIENT });
    expect(badOrg.status).toBe(400);
    expect(badOrg.body).toContain('name="okta_org"');
    expect(badOrg.body).toMatch(/id="setup-error">Okta org URL: /);
    const fresh = form(badOrg);
    expect(fresh.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(badOrg.setCookies).toEqual([expect.stringMatching(/^__Host-impero_setup=[A-Za-z0-9_-]{43}; Max-Age=3600;/)]);
    expect(browser.cookie(new URL(origin).host, '__Host-impero_setup')).toBe(fresh.csrf);
    expect((await stack.directory.getTenant(sub))?.setup?.failedAttempts).toBe(0);

    const failed = await post({ okta_org: stack.idp.issuer, client_id: '0oawrong000000000000' });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatch(/Test result: 1 check failed/);
    expect(failed.body).toContain('name="okta_org"');
    expect(form(failed).csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await stack.directory.getTenant(sub))?.setup?.failedAttempts).toBe(1);

    // The form shown again works as our own page's form does: its value matches the new cookie.
    const right = await submit(browser, { ...form(failed), client_id: CLIENT });
    expect(right.status).toBe(200);
    expect(right.body).toContain('is on</h1>');
    expect((await stack.directory.getTenant(sub))?.status).toBe('active');
  });

  it('refuses a post without the form cookie, with another value, or from another site (CSRF)', async () => {
    const browser = new TestBrowser();
    const fields = await openLink(browser, await invite(sub));
    const state = await directoryState();

    expectRefusal(await submit(new TestBrowser(), fields), 403, /Open the setup link from the email again/);
    expectRefusal(await submit(browser, { ...fields, csrf: 'C'.repeat(43) }), 403, /Open the setup link/);
    expectRefusal(await submit(browser, fields, { 'sec-fetch-site': 'cross-site' }), 403, /Open the setup link/);
    expectRefusal(await submit(browser, fields, { origin: 'https://evil.example' }), 403, /Open the setup link/);
    // The rule sign-out uses: without Sec-Fetch-Site, only this page's own Origin will do.
    expectRefusal(await submit(browser, fields, { origin: 'null' }), 403, /Open the setup link/);
    expectRefusal(await submit(browser, fields, {}), 403, /Open the setup link/);
    expectRefusal(await submit(browser, fields, { 'sec-fetch-site': 'same-site', origin }), 403, /Open the setup link/);
    expect(await directoryState()).toBe(state);
    expect((await stack.directory.getTenant(sub))?.setup?.failedAttempts).toBe(0);
  });
});
