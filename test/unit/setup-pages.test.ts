/** The setup page shows remote strings inert: escaped for HTML and with control characters made visible. */
import { describe, expect, it } from 'vitest';
import { configSheet } from '../../lambdas/core/config-sheet.js';
import { checkList, setupPage } from '../../lambdas/core/setup-pages.js';

describe('setup page', () => {
  it('escapes markup and makes control and bidi characters visible in self-test details and hints', () => {
    const html = checkList([
      { id: 'issuer', status: 'fail', detail: 'the document names "<script>alert(1)</script>"', hint: 'Register \u001b[2K✓ all good\u202e' },
    ]);

    expect(html).toContain('&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;');
    expect(html).toContain('Register \\x1b[2K✓ all good\\u202e');
    expect(html).not.toMatch(/[\u001b\u202e]/);
    expect(html).toContain('<b>✗ Org address matches what Okta announces</b>');
  });

  it('never renders a client secret field with a value, and keeps the typed org and client id', () => {
    const html = setupPage({
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
