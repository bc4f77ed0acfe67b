/**
 * Bad input for every option of every command: exit code 2, exactly one `error:` line on
 * stderr naming what is wrong, nothing fetched, and both tables exactly as they were.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessCli, tableState } from '../fixtures/cli.js';
import { startTestDynamo, type TestDynamo } from '../fixtures/dynamodb.js';

const dir = mkdtempSync(join(tmpdir(), 'cli-bad-input-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const ORG = ['--okta-org', 'dev-acme.okta.com'];
const ID = ['--client-id', '0oaacme0000000000001'];
const add = (...args: string[]) => ['tenant', 'add', '--no-verify', ...args];
const addWith = (option: string, value: string) => {
  const base: Record<string, string> = {
    '--subdomain': 'newco',
    '--okta-org': 'dev-newco.okta.com',
    '--client-id': '0oanewco000000000001',
  };
  base[option] = value;
  return add(...Object.entries(base).flat());
};

const cases: [string, string[], RegExp][] = [
  // the command line as a whole
  ['no command', [], /missing command/],
  ['a group without its command', ['tenant'], /missing command/],
  ['an unknown command', ['tenant', 'delete', 'acme'], /unknown command 'delete'/],
  ['an unknown option', ['tenant', 'list', '--all'], /unknown option '--all'/],
  ['an extra argument', ['tenant', 'show', 'acme', 'extra'], /too many arguments/],
  // tenant add
  ['tenant add without --subdomain', add(...ORG, ...ID), /--subdomain/],
  ['tenant add without --okta-org', add('--subdomain', 'newco', ...ID), /--okta-org/],
  ['tenant add without --client-id', add('--subdomain', 'newco', ...ORG), /--client-id/],
  ...['Acme', '-acme', 'acme-', 'a'.repeat(64), 'ac_me', '', 'acme.com', 'ac me'].map((s): [string, string[], RegExp] => [
    `--subdomain "${s}"`,
    addWith('--subdomain', s),
    /--subdomain ".*" is not valid: use 1–63 characters/,
  ]),
  ...[
    '',
    'http://dev-acme.okta.com',
    'https://dev-acme.okta.com/oauth2/default',
    'ftp://dev-acme.okta.com',
    'https://u:p@dev-acme.okta.com',
    'dev-acme.okta.com?x=1',
    'okta',
    'not a host',
  ].map((o): [string, string[], RegExp] => [`--okta-org "${o}"`, addWith('--okta-org', o), /--okta-org: Okta org/]),
  ...['', 'has space', 'x'.repeat(129), 'tab\tid'].map((c): [string, string[], RegExp] => [
    `--client-id "${c}"`,
    addWith('--client-id', c),
    /--client-id ".*" is not valid/,
  ]),
  ...['', '   ', 'x'.repeat(101), 'bell\u0007'].map((n): [string, string[], RegExp] => [
    `--name "${n}"`,
    [...addWith('--name', n)],
    /--name (is empty|is longer|contains control)/,
  ]),
  ...['www', 'admin', 'login', 'cdn'].map((s): [string, string[], RegExp] => [
    `the reserved --subdomain "${s}"`,
    addWith('--subdomain', s),
    /--subdomain ".*" is not valid: it is reserved for Impero/,
  ]),
  ...['xn--bcher-kva', 'xn--80ak6aa92e'].map((s): [string, string[], RegExp] => [
    `the punycode --subdomain "${s}"`,
    addWith('--subdomain', s),
    /reserved for internationalised \(punycode, xn--\) names/,
  ]),
  ...['Acme\u202Egnp.exe', 'Ac\u200Bme', 'Acme\u009B2J', 'Acme \u2067Bank'].map((n): [string, string[], RegExp] => [
    `--name ${JSON.stringify(n)}`,
    addWith('--name', n),
    /--name contains control or invisible formatting characters \(\\(x9b|u202e|u200b|u2067)\)/,
  ]),
  [
    'tenant update --name with a bidi override',
    ['tenant', 'update', 'acme', '--name', 'Acme\u202Ecorp'],
    /--name contains control or invisible/,
  ],
  [
    'account add --name with a zero-width joiner',
    ['account', 'add', '--tenant', 'acme', '--email', 'x@acme.com', '--name', 'A\u200Dda'],
    /--name contains control or invisible/,
  ],
  ...['acme', '@acme.com', 'acme..com', '-acme.com', 'acme.123', '', 'acme.com/x'].map((d): [string, string[], RegExp] => [
    `--domain "${d}"`,
    [...addWith('--subdomain', 'newco'), '--domain', 'ok.com', '--domain', d],
    /--domain ".*" is not an email domain/,
  ]),
  ['tenant add with --okta-org given no value', ['tenant', 'add', '--subdomain', 'newco', '--okta-org'], /argument missing/],
  // tenant update
  ['tenant update with nothing to change', ['tenant', 'update', 'acme'], /nothing to change/],
  ['tenant update of a bad subdomain', ['tenant', 'update', 'Acme', '--name', 'X'], /subdomain "Acme" is not valid/],
  [
    'tenant update with --domain and --clear-domains',
    ['tenant', 'update', 'acme', '--domain', 'a.com', '--clear-domains'],
    /either --domain or --clear-domains/,
  ],
  [
    'tenant update --okta-org with a path',
    ['tenant', 'update', 'acme', '--okta-org', 'acme.okta.com/oauth2/default'],
    /--okta-org: .*path/,
  ],
  ['tenant update --client-id with a space', ['tenant', 'update', 'acme', '--client-id', '0oa x'], /--client-id/],
  ['tenant update --name empty', ['tenant', 'update', 'acme', '--name', ''], /--name is empty/],
  ['tenant update --domain bad', ['tenant', 'update', 'acme', '--domain', 'nodot'], /--domain "nodot"/],
  [
    'tenant update --sign-out bogus',
    ['tenant', 'update', 'acme', '--sign-out', 'everywhere'],
    /--sign-out: "everywhere" is not valid; use impero or okta/,
  ],
  ['tenant add --sign-out bogus', [...addWith('--subdomain', 'newco'), '--sign-out', 'Okta'], /--sign-out: "Okta" is not valid/],
  // session list, revoke
  ['session list without --tenant', ['session', 'list'], /--tenant/],
  ['session list with a bad email', ['session', 'list', '--tenant', 'acme', '--email', 'nope'], /--email: "nope" is not an email address/],
  ['session revoke without --email', ['session', 'revoke', '--tenant', 'acme'], /--email/],
  ['session revoke of a bad subdomain', ['session', 'revoke', '--tenant', 'ACME', '--email', 'a@b.com'], /--tenant "ACME" is not valid/],
  // tenant show, verify, disable, enable, remove
  ...(['show', 'verify', 'disable', 'enable', 'remove'] as const).flatMap((c): [string, string[], RegExp][] => [
    [`tenant ${c} without a subdomain`, ['tenant', c], /missing required argument 's'/],
    [`tenant ${c} of a bad subdomain`, ['tenant', c, 'ACME!', ...(c === 'remove' ? ['--yes'] : [])], /subdomain "ACME!" is not valid/],
  ]),
  ['tenant remove without --yes', ['tenant', 'remove', 'acme'], /add --yes to confirm/],
  // account add, remove, list
  ['account add without --tenant', ['account', 'add', '--email', 'x@acme.com'], /--tenant/],
  ['account add without --email', ['account', 'add', '--tenant', 'acme'], /--email/],
  ['account add with a bad --tenant', ['account', 'add', '--tenant', 'Acme', '--email', 'x@acme.com'], /--tenant "Acme" is not valid/],
  ...[
    'ada',
    'ada@',
    '@acme.com',
    'ada@acme',
    'a b@acme.com',
    'ada@acme..com',
    `${'x'.repeat(250)}@acme.com`,
    '',
    'ada@@acme.com',
    '.ada@acme.com',
  ].map((e): [string, string[], RegExp] => [
    `account add --email "${e.slice(0, 20)}"`,
    ['account', 'add', '--tenant', 'acme', '--email', e],
    /--email: (email is empty|".*" is not an email address)/,
  ]),
  [
    'account add with a bad --name',
    ['account', 'add', '--tenant', 'acme', '--email', 'x@acme.com', '--name', 'x'.repeat(101)],
    /--name is longer/,
  ],
  [
    'account remove with a bad email',
    ['account', 'remove', '--tenant', 'acme', '--email', 'nope'],
    /--email: "nope" is not an email address/,
  ],
  ['account remove without --email', ['account', 'remove', '--tenant', 'acme'], /--email/],
  ['account list without --tenant', ['account', 'list'], /--tenant/],
  ['account list with a bad --tenant', ['account', 'list', '--tenant', '-x'], /--tenant "-x" is not valid/],
  // account import
  ['account import without a file', ['account', 'import', '--tenant', 'acme'], /missing required argument 'file.csv'/],
  ['account import of a missing file', ['account', 'import', '--tenant', 'acme', join(dir, 'nope.csv')], /cannot read .*nope\.csv: ENOENT/],
  ['account import with a bad --tenant', ['account', 'import', '--tenant', 'A', 'x.csv'], /--tenant "A" is not valid/],
  ['account import of an empty file', ['account', 'import', '--tenant', 'acme', file('empty.csv', '')], /the file is empty/],
  ['account import of a header only', ['account', 'import', '--tenant', 'acme', file('header.csv', 'email,name\n')], /header but no rows/],
  [
    'account import with a wrong header',
    ['account', 'import', '--tenant', 'acme', file('wrong.csv', 'mail,name\na@acme.com,A\n')],
    /header must be email,name/,
  ],
  [
    'account import of broken CSV',
    ['account', 'import', '--tenant', 'acme', file('broken.csv', 'email,name\n"a@acme.com,A\n')],
    /not valid CSV/,
  ],
  [
    'account import with one bad row',
    ['account', 'import', '--tenant', 'acme', file('one-bad.csv', 'email,name\nok@acme.com,OK\nbad,Bad\n')],
    /1 of 2 rows is invalid .* \(line 3\)/,
  ],
];

describe('bad input to the support CLI', () => {
  let db: TestDynamo;
  let cli: ReturnType<typeof inProcessCli>;
  let fetches = 0;
  let before: string;

  beforeAll(async () => {
    db = await startTestDynamo();
    const countingFetch = ((...args: Parameters<typeof fetch>) => (fetches++, fetch(...args))) as typeof fetch;
    cli = inProcessCli(db.directory, { fetch: countingFetch });
    await db.directory.createTenant(
      { subdomain: 'acme', name: 'Acme', issuer: 'https://dev-acme.okta.com', clientId: '0oaacme0000000000001', domains: ['acme.com'] },
      new Date(),
    );
    await db.directory.addAccount({ tenant: 'acme', email: 'ada@acme.com', name: 'Ada' }, new Date());
    before = await tableState(db);
  });
  afterAll(async () => db?.close());

  it.each(cases)('rejects %s', async (_name, args, reason) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderrLines).toHaveLength(1);
    expect(r.stderrLines[0]).toMatch(/^error: /);
    expect(r.stderrLines[0]).toMatch(reason);
    expect(fetches).toBe(0);
    expect(await tableState(db)).toBe(before);
  });
});
