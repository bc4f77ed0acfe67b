/**
 * What the commands print: readable text, or one JSON document with `--json`. Nothing
 * reaches the terminal raw: values that came from elsewhere (an Okta org, the tables) are
 * made printable where they are placed, and `emit` escapes whatever control or bidi
 * character is left, so a customer's org cannot move the cursor, hide a ✗ or retitle the
 * support agent's terminal.
 */
import type { Account, SetupLink, Tenant } from '../core/model.js';
import { printable, printableJson, printableLines } from '../core/printable.js';
import type { CliContext } from './context.js';
import type { SelfTestReport } from '../core/self-test.js';
import type { ConfigSheet } from '../core/config-sheet.js';

/** Prints text, or the JSON value instead when `--json` is on. */
export function emit(ctx: Pick<CliContext, 'stdout' | 'json'>, json: unknown, text: () => string): void {
  ctx.stdout.write(ctx.json ? `${printableJson(JSON.stringify(json, null, 2))}\n` : printableLines(text()));
}

/** Left-aligned columns separated by two spaces; each cell on one line. */
export function table(header: string[], cells: string[][]): string {
  const rows = cells.map((r) => r.map(printable));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/**
 * A tenant as the CLI shows it: whether a client secret is set, never its ciphertext; the
 * setup link's state, never its token hash.
 */
export type PublicTenant = Omit<Tenant, 'clientSecretCiphertext' | 'setup' | 'scim'> & {
  clientSecretSet: boolean;
  setup?: Omit<SetupLink, 'tokenHash'>;
  scim: PublicScim;
};

/** Whether SCIM provisioning is on and since when; never a token or its hash. */
interface PublicScim {
  enabled: boolean;
  tokenIssuedAt?: string;
  /** While the token replaced by the last `scim token` still works. */
  previousTokenValidUntil?: string;
}

function publicScim(scim: Tenant['scim']): PublicScim {
  if (!scim) return { enabled: false };
  const previousLive = scim.previousValidUntil !== undefined && Date.parse(scim.previousValidUntil) > Date.now();
  return { enabled: true, tokenIssuedAt: scim.issuedAt, ...(previousLive ? { previousTokenValidUntil: scim.previousValidUntil } : {}) };
}

export function publicTenant(tenant: Tenant): PublicTenant {
  const { clientSecretCiphertext, setup, scim, ...rest } = tenant;
  const shown: PublicTenant = { ...rest, clientSecretSet: clientSecretCiphertext !== undefined, scim: publicScim(scim) };
  if (setup) {
    const { tokenHash: _hidden, ...state } = setup;
    shown.setup = state;
  }
  return shown;
}

export { configSheet, type ConfigSheet } from '../core/config-sheet.js';

export function formatConfigSheet(sheet: ConfigSheet): string {
  const jwks = sheet.clientJwksUrl
    ? `  Client authentication  Public key / Private key, keys fetched from a URL:
  Client JWKS URL        ${sheet.clientJwksUrl}
`
    : '';
  return `
For the customer's Okta admin (Impero app in their Okta org):
  Sign-in redirect URI   ${sheet.signInRedirectUri}
  Initiate login URI     ${sheet.initiateLoginUri}   (Okta adds ?iss=<org>)
  Sign-out redirect URI  ${sheet.signOutRedirectUri}
  Universal Logout       ${sheet.universalLogoutEndpoint}
${jwks}  subdomain variable     ${sheet.subdomain}
Users sign in at         ${sheet.loginUrl}
`;
}

const CLIENT_AUTH_LABEL = {
  none: 'none (PKCE only)',
  client_secret_basic: 'client_secret_basic',
  client_secret_post: 'client_secret_post',
  private_key_jwt: "private_key_jwt (Impero's client-assertion key)",
} as const;

function setupLine(t: Tenant): string {
  if (!t.setup) return '';
  const s = t.setup;
  const state = s.spentAt
    ? `used ${s.spentAt}`
    : `${Date.parse(s.expiresAt) > Date.now() ? 'valid' : 'expired'} until ${s.expiresAt}, ${s.failedAttempts} failed attempt(s)`;
  return `  setup link  ${state}\n`;
}

function scimLine(s: PublicScim): string {
  if (!s.enabled) return 'off (no token; `scim token` turns provisioning on)';
  return `on, token issued ${s.tokenIssuedAt}${s.previousTokenValidUntil ? ` (the previous token works until ${s.previousTokenValidUntil})` : ''}`;
}

export function formatTenant(t: Tenant): string {
  return `Tenant ${t.subdomain}
  name        ${printable(t.name)}
  status      ${t.status}
  sign-out    ${t.signOut === 'okta' ? 'okta (Impero and the Okta session)' : 'impero (Impero session only)'}
  Okta org    ${t.issuer || '(not set up yet)'}${t.customDomainOrg ? '   (custom domain)' : ''}
  client id   ${t.clientId || '(not set up yet)'}
  client auth ${CLIENT_AUTH_LABEL[t.clientAuth]}
  secret      ${t.clientSecretCiphertext ? 'set (stored encrypted)' : 'not set'}
  JIT         ${t.jit ? 'on: verified users of the domains get an account at first sign-in' : 'off'}
  domains     ${t.domains.length ? t.domains.join(', ') : '(none)'}
  SCIM        ${scimLine(publicScim(t.scim))}
${setupLine(t)}  version     ${t.version}
  created     ${t.createdAt}
  updated     ${t.updatedAt}
`;
}

export function formatTenantList(tenants: Tenant[]): string {
  if (tenants.length === 0) return 'No tenants.\n';
  return table(
    ['SUBDOMAIN', 'STATUS', 'NAME', 'OKTA ORG', 'CLIENT ID', 'DOMAINS'],
    tenants.map((t) => [t.subdomain, t.status, t.name, t.issuer || '-', t.clientId || '-', t.domains.join(',') || '-']),
  );
}

export function formatAccountList(tenant: string, accounts: Account[]): string {
  if (accounts.length === 0) return `No accounts in tenant ${tenant}.\n`;
  return table(
    ['EMAIL', 'NAME', 'ID', 'OKTA LINKED', 'ACTIVE', 'CREATED'],
    accounts.map((a) => [a.email, a.name ?? '-', a.id, a.subject ? 'yes' : 'no', a.active ? 'yes' : 'no', a.createdAt]),
  );
}

const MARK = { pass: '✓', fail: '✗', skip: '-' } as const;

export function formatSelfTest(report: SelfTestReport): string {
  // Details and hints quote what the org answered (issuer, Location, error codes): one line each, inert.
  const lines = [`Self-test of ${printable(report.issuer)} for client ${printable(report.clientId)}:`];
  for (const step of report.steps) {
    lines.push(`  ${MARK[step.status]} ${step.id.padEnd(10)} ${printable(step.detail)}`);
    if (step.hint) lines.push(`    fix: ${printable(step.hint)}`);
  }
  const failed = report.steps.filter((s) => s.status === 'fail').length;
  lines.push(report.ok ? 'All checks passed.' : `${failed} check${failed > 1 ? 's' : ''} failed.`);
  return lines.join('\n') + '\n';
}

export const formatWarnings = (warnings: string[]): string => warnings.map((w) => `warning: ${w}\n`).join('');
