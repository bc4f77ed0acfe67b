/**
 * The self-test's English for support (what `tenant add` and `tenant verify` print, and
 * `--json` carries as `detail` and `hint`) is the catalogue's: `messages/self-test-en.ts`.
 * Proven by changing a catalogue text and seeing the report change, against a closed port on
 * loopback (the real fetch, refused at once).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runSelfTest } from '../../lambdas/adapters/self-test.js';
import { selfTestEn } from '../../lambdas/core/messages/self-test-en.js';
import { formatSelfTest } from '../../lambdas/support/output.js';
import { closedPort } from '../fixtures/cli.js';

const texts = selfTestEn as unknown as { details: Record<string, string>; hints: Record<string, string>; reasons: Record<string, string> };
const saved = structuredClone(texts);
afterEach(() => Object.assign(texts, structuredClone(saved)));

const target = (issuer: string) => ({
  issuer,
  clientId: '0oaacme0000000000001',
  redirectUri: 'https://acme.impero.com/auth/callback',
  credentials: { method: 'none' as const },
  clientJwksUrl: 'https://acme.impero.com/auth/.well-known/client-jwks.json',
});

describe('the self-test’s English for support', () => {
  it('comes from the catalogue: detail, reason, hint (with the hint it builds on) and skips', async () => {
    texts.details.unreachable = 'CAT {url} / {reason}';
    texts.reasons.refused = 'CAT refused';
    texts.hints.org = 'CAT org';
    texts.details.skipped_discovery = 'CAT skipped';
    const issuer = `http://127.0.0.1:${await closedPort()}`;
    const report = await runSelfTest(target(issuer), { fetch: globalThis.fetch, timeoutMs: 2000, allowLoopback: true });
    expect(report.steps[0]).toEqual({
      id: 'discovery',
      status: 'fail',
      detail: `CAT ${issuer}/.well-known/openid-configuration / CAT refused`,
      hint: 'CAT org, and that this machine can reach it',
      finding: { key: 'discovery_unreachable', params: { url: `${issuer}/.well-known/openid-configuration`, reason: 'CAT refused' } },
    });
    expect(formatSelfTest(report)).toContain('  - issuer     CAT skipped\n');
  });

  it('leaves no placeholder unfilled in what the CLI prints', async () => {
    const issuer = `http://127.0.0.1:${await closedPort()}`;
    const report = await runSelfTest(target(issuer), { fetch: globalThis.fetch, timeoutMs: 2000, allowLoopback: true });
    expect(formatSelfTest(report)).not.toMatch(/\{\w+\}/);
    expect(report.steps[0]!.hint).toBe(
      "Check the org URL: it is the address the customer's users sign in at, such as dev-company.okta.com (not the -admin address, no path), and that this machine can reach it",
    );
  });
});
