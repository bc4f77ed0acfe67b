/** What the CLI prints: tables, the Okta config sheet, the self-test report, the progress bar, error lines. */
import { describe, expect, it } from 'vitest';
import type { Tenant } from '../../lambdas/core/model.js';
import { oneLine } from '../../lambdas/support/context.js';
import { configSheet, formatConfigSheet, formatSelfTest, table } from '../../lambdas/support/output.js';
import { progressBar } from '../../lambdas/support/progress.js';
import { describeFetchFailure } from '../../lambdas/adapters/self-test-http.js';
import { describeAwsError } from '../../lambdas/support/target-aws.js';
import { publicOrigin } from '../../lambdas/names.js';
import { Capture } from '../fixtures/cli.js';

const tenant = { subdomain: 'acme' } as Tenant;

describe('CLI output', () => {
  it('aligns table columns', () => {
    expect(
      table(
        ['A', 'LONGER'],
        [
          ['xxx', 'y'],
          ['z', 'w'],
        ],
      ),
    ).toBe('A    LONGER\nxxx  y\nz    w\n');
  });

  it('builds the config sheet from the tenant origin', () => {
    const sheet = configSheet(tenant, publicOrigin('impero.com')('acme'));
    expect(sheet).toEqual({
      signInRedirectUri: 'https://acme.impero.com/auth/callback',
      initiateLoginUri: 'https://acme.impero.com/auth/authorize',
      signOutRedirectUri: 'https://acme.impero.com/auth/login',
      universalLogoutEndpoint: 'https://acme.impero.com/auth/universal-logout',
      subdomain: 'acme',
      loginUrl: 'https://acme.impero.com/auth/login',
    });
    expect(formatConfigSheet(sheet)).toMatch(
      /Initiate login URI\s+https:\/\/acme\.impero\.com\/auth\/authorize\s+\(Okta adds \?iss=<org>\)/,
    );
    expect(formatConfigSheet(sheet)).toMatch(
      /Sign-out redirect URI\s+https:\/\/acme\.impero\.com\/auth\/login\n\s+Universal Logout\s+https:\/\/acme\.impero\.com\/auth\/universal-logout\n/,
    );
    expect(formatConfigSheet(sheet)).not.toContain('JWKS');
    const keyed = configSheet({ ...tenant, clientAuth: 'private_key_jwt' }, publicOrigin('impero.com')('acme'));
    expect(keyed.clientJwksUrl).toBe('https://acme.impero.com/auth/.well-known/client-jwks.json');
    expect(formatConfigSheet(keyed)).toMatch(/Client JWKS URL\s+https:\/\/acme\.impero\.com\/auth\/\.well-known\/client-jwks\.json/);
    expect(configSheet(tenant, publicOrigin('localhost', 3000)('acme')).signInRedirectUri).toBe('http://acme.localhost:3000/auth/callback');
  });

  it('marks passed, failed and skipped steps, with the fix under a failure', () => {
    const text = formatSelfTest({
      ok: false,
      issuer: 'https://x.okta.com',
      clientId: 'c',
      steps: [
        { id: 'discovery', status: 'pass', detail: 'found', finding: { key: 'discovery_found' } },
        { id: 'issuer', status: 'fail', detail: 'wrong', hint: 'do this', finding: { key: 'issuer_missing' } },
        { id: 'client', status: 'skip', detail: 'not checked', finding: { key: 'skipped_discovery' } },
      ],
    });
    expect(text).toBe(
      'Self-test of https://x.okta.com for client c:\n  ✓ discovery  found\n  ✗ issuer     wrong\n    fix: do this\n  - client     not checked\n1 check failed.\n',
    );
  });

  it('draws the progress bar only on a terminal', () => {
    const piped = new Capture(false);
    const bar = progressBar(piped, 'Importing', 10);
    bar.update(10);
    bar.finish();
    expect(piped.text).toBe('');
    const tty = new Capture(true);
    const live = progressBar(tty, 'Importing', 4);
    live.update(1);
    live.update(4);
    live.finish();
    expect(tty.text).toBe(`\rImporting [########----------------------] 1/4\rImporting [${'#'.repeat(30)}] 4/4\r\x1b[2K`);
  });

  it('turns errors into one line', () => {
    expect(oneLine('first\n  second\n')).toBe('first second');
    expect(describeFetchFailure(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }), 8000)).toBe(
      'connection refused',
    );
    expect(describeFetchFailure(new DOMException('t', 'TimeoutError'), 8000)).toBe('no answer within 8 s');
    expect(describeFetchFailure(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } }), 8000)).toBe(
      'host not found (DNS)',
    );
    expect(describeAwsError(Object.assign(new Error('Could not load credentials'), { name: 'CredentialsProviderError' }))).toMatch(
      /no AWS credentials found/,
    );
    expect(describeAwsError(Object.assign(new Error('Requested resource not found'), { name: 'ResourceNotFoundException' }))).toBe(
      'table not found (Requested resource not found)',
    );
    expect(describeAwsError(new Error('Region is missing'))).toMatch(/no AWS region set/);
    expect(describeAwsError(Object.assign(new Error('a\nb'), { name: 'ThrottlingException' }))).toBe('ThrottlingException: a');
  });
});
