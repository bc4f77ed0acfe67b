/** The setup page shows remote strings inert: escaped for HTML and with control characters made visible. */
import { describe, expect, it } from 'vitest';
import { configSheet } from '../../lambdas/core/config-sheet.js';
import { checkList, setupPage } from '../../lambdas/core/setup-pages.js';

describe('setup page', () => {
  it('escapes markup and makes control and bidi characters visible in what Okta sent, in the step and its hint', () => {
    const html = checkList('en', [
      {
        id: 'issuer',
        status: 'fail',
        finding: {
          key: 'issuer_other',
          params: { announced: '"<script>alert(1)</script>"', issuer: 'Register \u001b[2K✓ all good\u202e' },
        },
      },
    ]);

    expect(html).toContain('&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;');
    expect(html).toContain('Register \\x1b[2K✓ all good\\u202e');
    // eslint-disable-next-line no-control-regex -- an escape character is what this looks for
    expect(html).not.toMatch(/[\u001b\u202e]/);
    expect(html).toContain('<b>✗ Org address matches what Okta announces</b>');
    expect(html).toContain('How to fix: Enter exactly the address Okta announces: &quot;&lt;script&gt;');
  });

  it('words the steps and hints in the page’s language, and the remote values as they came', () => {
    const html = checkList('da', [
      {
        id: 'discovery',
        status: 'pass',
        finding: { key: 'discovery_found', params: { url: 'https://dev-1.okta.com/.well-known/openid-configuration' } },
      },
      { id: 'client', status: 'fail', finding: { key: 'client_rejected_secret', params: { clientId: '0oa<1>' } } },
      { id: 'pkce', status: 'skip', finding: { key: 'skipped_discovery' } },
    ]);

    expect(html).toContain('<b>✓ Okta-organisationen blev fundet</b>');
    expect(html).toContain('blev fundet på https://dev-1.okta.com/.well-known/openid-configuration.');
    expect(html).toContain('Okta accepterer ikke klient-id’et 0oa&lt;1&gt; med denne klienthemmelighed.');
    expect(html).toContain('Sådan retter du det: Kopiér klient-id’et og den aktuelle klienthemmelighed');
    expect(html).toContain('<b>– PKCE understøttes</b>');
    expect(html.match(/Sådan retter du det/g)).toHaveLength(1);
  });

  it('never renders a client secret field with a value, and keeps the typed org and client id', () => {
    const html = setupPage('en', {
      tenantName: 'Acme <Inc>',
      sheet: configSheet({ subdomain: 'acme', clientAuth: 'none' }, 'https://acme.impero.com'),
      token: 't'.repeat(43),
      csrf: 'c'.repeat(43),
      values: { oktaOrg: 'dev-acme.okta.com', clientId: '0oa"x' },
    });

    expect(html).toContain('<h1>Set up Okta sign-in for Acme &lt;Inc&gt;</h1>');
    expect(html).toMatch(/<input id="client_secret" name="client_secret" type="password" maxlength="512" autocomplete="off">/);
    expect(html).toContain('value="dev-acme.okta.com"');
    expect(html).toContain('value="0oa&quot;x"');
    expect(html).toContain('<code>https://acme.impero.com/auth/callback</code>');
  });
});
