import { describe, expect, it } from 'vitest';
import { clearCookie, readCookie, setCookie } from '../../lambdas/core/cookies.js';
import { CONTENT_SECURITY_POLICY, HTML_HEADERS } from '../../lambdas/core/html.js';
import { errorPage, loginFormTargets, loginPage } from '../../lambdas/core/pages.js';
import { loadConfig } from '../../lambdas/core/config.js';
import type { Tenant } from '../../lambdas/core/model.js';
import { createHash } from 'node:crypto';

describe('loginPage', () => {
  it('is a POST form with a labelled email input and a submit button', () => {
    const html = loginPage('en', { tenantName: 'Acme' });
    expect(html).toMatch(/<form method="post" action="\/auth\/login">/);
    expect(html).toMatch(/<label for="email">/);
    expect(html).toMatch(/<input type="email" id="email" name="email"/);
    expect(html).toMatch(/<button type="submit">Next<\/button>/);
    expect(html).toContain('Sign in to Acme');
    expect(html).not.toMatch(/<script/i);
  });

  it('is written in the language it is given, and says which', () => {
    const html = loginPage('da', { tenantName: 'Acme', error: 'Det ligner ikke en e-mailadresse.' });
    expect(html).toContain('<html lang="da">');
    expect(html).toContain('<title>Log ind på Acme · Impero</title>');
    expect(html).toMatch(/<label for="email">Arbejdsmail<\/label>/);
    expect(html).toMatch(/<button type="submit">Næste<\/button>/);
    expect(html).toMatch(/<input [^>]*aria-describedby="email-error" aria-invalid="true"/);
    expect(html).toMatch(/<p class="error" role="alert" id="email-error">Det ligner ikke/);
    expect(loginPage('en', {})).toContain('<html lang="en">');
  });

  it('escapes a tenant name once, in the heading and in the title', () => {
    const html = loginPage('en', { tenantName: 'A & B' });
    expect(html).toContain('<title>Sign in to A &amp; B · Impero</title>');
    expect(html).toContain('<h1>Sign in to A &amp; B</h1>');
  });

  it('escapes everything it echoes', () => {
    const html = loginPage('en', { tenantName: '<b>x</b>', email: '"><script>alert(1)</script>', error: '<img src=x>', returnTo: '/a"b' });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x>');
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
    expect(html).toContain('value="/a&quot;b"');
  });

  it('escapes the tenant name exactly once, in the tab title and in the heading', () => {
    const html = loginPage('en', { tenantName: 'AT&T <Labs>' });
    expect(html).toContain('<title>Sign in to AT&amp;T &lt;Labs&gt; · Impero</title>');
    expect(html).toContain('<h1>Sign in to AT&amp;T &lt;Labs&gt;</h1>');
    expect(html).not.toContain('&amp;amp;');
  });
});

describe('errorPage', () => {
  it('shows the message and a correlation id, and escapes both', () => {
    const html = errorPage('en', { title: 'T', message: '<x>', correlationId: 'abc<' });
    expect(html).toContain('&lt;x&gt;');
    expect(html).toContain('abc&lt;');
    expect(html).toContain('href="/auth/login"');
  });

  it('has its link and reference line in the page’s language', () => {
    const html = errorPage('da', { title: 'Log ind igen', message: 'm', correlationId: 'c-1' });
    expect(html).toContain('<html lang="da">');
    expect(html).toContain('>Tilbage til login</a>');
    expect(html).toContain('Hvis du kontakter support, så oplys denne reference: <code>c-1</code>');
  });
});

describe('security headers', () => {
  it('carry the CSP (default-src none, frame-ancestors none, form-action self) and allow exactly the inline stylesheet that is served', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("form-action 'self'");
    const style = /<style>([\s\S]*?)<\/style>/.exec(loginPage('en', {}))![1]!;
    const hash = createHash('sha256').update(style).digest('base64');
    expect(CONTENT_SECURITY_POLICY).toContain(`style-src 'sha256-${hash}'`);
    expect(HTML_HEADERS).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
  });
});

describe('cookies', () => {
  it('set __Host- cookies with Secure, HttpOnly, SameSite=Lax, Path=/ and Max-Age, never Domain', () => {
    const c = setCookie('__Host-impero_session', 'v', 600);
    expect(c).toBe('__Host-impero_session=v; Max-Age=600; Path=/; Secure; HttpOnly; SameSite=Lax');
    expect(clearCookie('__Host-impero_session')).toContain('Max-Age=0');
    expect(c).not.toMatch(/domain/i);
  });
  it('read the first occurrence from API Gateway cookies or a Cookie header, ignoring junk', () => {
    expect(readCookie(['a=1', 'b=2', 'a=3'], 'a')).toBe('1');
    expect(readCookie(['junk; b=2; =x'], 'b')).toBe('2');
    expect(readCookie(undefined, 'a')).toBeUndefined();
    expect(readCookie(['ab=1'], 'a')).toBeUndefined();
  });
});

describe('loginFormTargets', () => {
  const prod = loadConfig({ BASE_DOMAIN: 'impero.com' });
  const tenant = { issuer: 'https://acme.okta.com' } as Tenant;
  it('lets a tenant’s login form lead only to its own Okta org', () => {
    expect(loginFormTargets(prod, { kind: 'tenant', subdomain: 'acme', origin: 'https://acme.impero.com' }, tenant)).toEqual([
      'https://acme.okta.com',
    ]);
  });
  it('lets the bare host’s form lead to any tenant host and any https org', () => {
    expect(loginFormTargets(prod, { kind: 'bare', origin: 'https://impero.com' })).toEqual(['https://*.impero.com', 'https:']);
  });
});
