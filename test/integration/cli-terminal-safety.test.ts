/**
 * What a hostile Okta org (or anything else remote) sends reaches the support agent's
 * terminal inert: no escape sequence, no C1 control, no bidi override, no line of its own.
 * A real HTTP server on loopback plays the org; the CLI runs in-process over a real store.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryDirectoryStore } from '../../lambdas/adapters/memory-directory.js';
import { runCli } from '../../lambdas/support/program.js';
import { Capture, inProcessCli, ROOT } from '../fixtures/cli.js';

/** Anything a terminal could act on, except the line ends our own output is made of. */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const LIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/;

const ESC_TITLE = '\u001b]0;all good\u0007';
const FORGED_LINES = '\u001b[1A\u001b[2K\r  ✓ issuer     fine\n  ✓ client     fine\u202e';

let server: Server;
let origin: string;
let org: { issuer: (origin: string) => string; status: number; location?: string; tokenError: string };
const rsa = {
  ...generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' }),
  kid: 'k1',
  use: 'sig',
  alg: 'RS256',
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    if (req.url === '/.well-known/openid-configuration') {
      const doc = {
        issuer: org.issuer(origin),
        authorization_endpoint: `${origin}/authorize`,
        token_endpoint: `${origin}/token`,
        jwks_uri: `${origin}/keys`,
        code_challenge_methods_supported: ['S256'],
      };
      return json(org.status, doc, org.location ? { location: org.location } : {});
    }
    if (req.url === '/keys') return json(200, { keys: [rsa] });
    if (req.url === '/token') return json(400, { error: org.tokenError });
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  org = { issuer: (o) => `${ESC_TITLE}${o}${FORGED_LINES}`, status: 200, tokenError: 'invalid_request\u001b[31m\u009b2J' };
});

const addEvil = (...extra: string[]) =>
  inProcessCli(new MemoryDirectoryStore())([
    'tenant',
    'add',
    '--subdomain',
    'evil',
    '--okta-org',
    origin,
    '--client-id',
    '0oaevil0000000000001',
    ...extra,
  ]);

describe('the self-test report of a hostile org', () => {
  it('shows escape sequences, C1 controls and bidi overrides as visible escapes, on the line they came in', async () => {
    const r = await addEvil();
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(LIVE);
    expect(r.stderr).not.toMatch(LIVE);
    // The forged "✓" lines stay inside the ✗ issuer line that quotes them.
    expect(r.stdout).not.toMatch(/^ {2}✓ issuer/m);
    expect(r.stdout).toMatch(
      /^ {2}✗ issuer {5}the document names "\\x1b\]0;all good\\x07http:\/\/127\.0\.0\.1:\d+\\x1b\[1A\\x1b\[2K\\x0d {2}✓ issuer {5}fine\\x0a {2}✓ client {5}fine\\u202e", not http/m,
    );
    expect(r.stdout).toMatch(/^ {2}✗ client {5}.*\(invalid_request\\x1b\[31m\\x9b2J\)/m);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('  ✓ client'))).toEqual([]);
  });

  it('keeps --json exact for programs and inert for terminals', async () => {
    const r = await addEvil('--json');
    expect(r.stdout).not.toMatch(LIVE);
    const report = r.json<{ verification: { steps: { id: string; detail: string }[] } }>();
    const issuer = report.verification.steps.find((s) => s.id === 'issuer')!.detail;
    expect(issuer).toContain(`${ESC_TITLE}${origin}${FORGED_LINES}`);
  });

  it('shows a C1 control in a redirect’s Location as an escape', async () => {
    org.status = 302;
    org.location = 'https://login.example.com/\u009b2J\u009b1;1H';
    const r = await addEvil();
    expect(r.stdout).not.toMatch(LIVE);
    expect(r.stdout).toContain('(redirect to https://login.example.com/\\x9b2J\\x9b1;1H)');
  });
});

describe('the one error line', () => {
  it('escapes what a remote error message carries', async () => {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runCli(['tenant', 'list'], {
      stdout,
      stderr,
      env: {},
      cwd: ROOT,
      openTarget: async () => {
        throw new Error('\u001b]0;owned\u0007throttled \u202eedoc');
      },
    });
    expect(code).toBe(1);
    expect(stderr.text).toBe('error: \\x1b]0;owned\\x07throttled \\u202eedoc\n');
  });
});
