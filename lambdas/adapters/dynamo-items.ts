/**
 * Keys and item shapes of the directory table (layout documented in tables.ts), and the
 * record rules both directory stores share: ids, normalisation, versions, conflict messages.
 */
import { randomBytes } from 'node:crypto';
import { canonicalEmail } from '../core/email.js';
import { CLIENT_AUTH_METHODS, type Account, type ClientAuthMethod, type SetupLink, type Tenant } from '../core/model.js';
import { ConflictError, type NewAccount, type NewTenant, type TenantChanges } from '../core/ports.js';
import type { ScimTokenRecord } from '../core/scim/token.js';

export type Item = Record<string, unknown>;
export interface Key {
  pk: string;
  sk: string;
}

export const TENANT_SK = '#TENANT';
export const ACCOUNT_PREFIX = 'ACCOUNT#';

export const tenantKey = (subdomain: string): Key => ({ pk: `TENANT#${subdomain}`, sk: TENANT_SK });
export const accountKey = (tenant: string, email: string): Key => ({ pk: `TENANT#${tenant}`, sk: `${ACCOUNT_PREFIX}${email}` });
export const domainKey = (domain: string): Key => ({ pk: `DOMAIN#${domain}`, sk: '#DOMAIN' });
/** An Okta user's link in one tenant: within a tenant, one Okta user has at most one account. */
export const subjectKey = (tenant: string, iss: string, sub: string): Key => ({ pk: `SUBJECT#${iss}#${sub}`, sk: `TENANT#${tenant}` });
/**
 * The link written before links were per tenant: one per Okta user, naming its tenant in an
 * attribute. Never written any more; read after the new key, and deleted with its account.
 */
export const legacySubjectKey = (iss: string, sub: string): Key => ({ pk: `SUBJECT#${iss}#${sub}`, sk: '#SUBJECT' });

/** Finds an account by id: `email` names its account item (whose `id` must match: a pointer may be stale). */
export const accountIdKey = (tenant: string, id: string): Key => ({ pk: `TENANT#${tenant}`, sk: `ID#${id}` });
export const accountIdItem = (a: Pick<Account, 'tenant' | 'id' | 'email'>): Item => ({
  ...accountIdKey(a.tenant, a.id),
  tenant: a.tenant,
  id: a.id,
  email: a.email,
});

/** `acc_` and 20 base64url characters (120 random bits). */
export const newAccountId = (): string => `acc_${randomBytes(15).toString('base64url')}`;

/** Lowercased, de-duplicated, in the order given. */
const normaliseDomains = (domains: readonly string[]): string[] => [...new Set(domains.map((d) => d.trim().toLowerCase()))];

export const tenantItem = (t: Tenant): Item => ({ ...tenantKey(t.subdomain), ...t });

export function tenantFromItem(item: Item): Tenant {
  return {
    subdomain: item.subdomain as string,
    name: item.name as string,
    issuer: item.issuer as string,
    clientId: item.clientId as string,
    domains: [...((item.domains as string[] | undefined) ?? [])],
    status: item.status as Tenant['status'],
    // Tenants stored before client authentication existed read as public clients without JIT.
    clientAuth: CLIENT_AUTH_METHODS.includes(item.clientAuth as ClientAuthMethod) ? (item.clientAuth as ClientAuthMethod) : 'none',
    ...(typeof item.clientSecretCiphertext === 'string' ? { clientSecretCiphertext: item.clientSecretCiphertext } : {}),
    jit: item.jit === true,
    customDomainOrg: item.customDomainOrg === true,
    // Tenants written before sign-out at Okta existed sign out of Impero only.
    signOut: item.signOut === 'okta' ? 'okta' : 'impero',
    ...(item.setup ? { setup: structuredClone(item.setup) as SetupLink } : {}),
    // Tenants stored before SCIM have no token record: SCIM is off for them.
    ...(isScimRecord(item.scim) ? { scim: structuredClone(item.scim) } : {}),
    version: item.version as number,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
  };
}

const isScimRecord = (value: unknown): value is ScimTokenRecord =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ScimTokenRecord).hash === 'string' &&
  typeof (value as ScimTokenRecord).issuedAt === 'string';

export function accountItem(a: Account): Item {
  return {
    ...accountKey(a.tenant, a.email),
    tenant: a.tenant,
    id: a.id,
    email: a.email,
    name: a.name,
    subjectIss: a.subject?.iss,
    subjectSub: a.subject?.sub,
    active: a.active,
    createdAt: a.createdAt,
    givenName: a.givenName,
    familyName: a.familyName,
    externalId: a.externalId,
    updatedAt: a.updatedAt,
    // A map (group id → display name), so that one membership is one nested SET or REMOVE.
    groups: Object.fromEntries((a.groups ?? []).map((g) => [g.id, g.displayName])),
    groupsVersion: a.groupsVersion,
  };
}

/** The account's groups from its `groups` map, by display name (then id). */
export function groupsFromMap(map: unknown): { id: string; displayName: string }[] {
  if (typeof map !== 'object' || map === null) return [];
  return Object.entries(map as Record<string, unknown>)
    .filter((e): e is [string, string] => typeof e[1] === 'string')
    .map(([id, displayName]) => ({ id, displayName }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || (a.id < b.id ? -1 : 1));
}

export function accountFromItem(item: Item): Account {
  const account: Account = {
    tenant: item.tenant as string,
    id: item.id as string,
    email: item.email as string,
    // Accounts stored before deactivation existed have no `active`: they are active.
    active: item.active !== false,
    createdAt: item.createdAt as string,
  };
  for (const field of ['name', 'givenName', 'familyName', 'externalId', 'updatedAt'] as const) {
    const value = item[field];
    if (typeof value === 'string') account[field] = value;
  }
  const groups = groupsFromMap(item.groups);
  if (groups.length > 0) account.groups = groups;
  if (typeof item.groupsVersion === 'number') account.groupsVersion = item.groupsVersion;
  if (typeof item.subjectIss === 'string' && typeof item.subjectSub === 'string') {
    account.subject = { iss: item.subjectIss, sub: item.subjectSub };
  }
  return account;
}

export function newAccount(input: NewAccount, now: Date): Account {
  const account: Account = {
    tenant: input.tenant,
    id: newAccountId(),
    email: canonicalEmail(input.email),
    active: true,
    createdAt: now.toISOString(),
  };
  if (input.name !== undefined) account.name = input.name;
  if (input.givenName !== undefined) account.givenName = input.givenName;
  if (input.familyName !== undefined) account.familyName = input.familyName;
  return account;
}

export function newTenant(input: NewTenant, now: Date): Tenant {
  const at = now.toISOString();
  return {
    subdomain: input.subdomain,
    name: input.name,
    issuer: input.issuer,
    clientId: input.clientId,
    domains: normaliseDomains(input.domains),
    status: input.status ?? 'active',
    clientAuth: input.clientAuth ?? 'none',
    ...(input.clientSecretCiphertext ? { clientSecretCiphertext: input.clientSecretCiphertext } : {}),
    jit: input.jit ?? false,
    customDomainOrg: input.customDomainOrg ?? false,
    signOut: input.signOut ?? 'impero',
    ...(input.setup ? { setup: structuredClone(input.setup) } : {}),
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/** The tenant after `changes` (undefined fields ignored), one version later. */
export function changedTenant(current: Tenant, changes: TenantChanges, now: Date): Tenant {
  const next: Tenant = { ...current, version: current.version + 1, updatedAt: now.toISOString() };
  if (changes.name !== undefined) next.name = changes.name;
  if (changes.issuer !== undefined) next.issuer = changes.issuer;
  if (changes.clientId !== undefined) next.clientId = changes.clientId;
  if (changes.status !== undefined) next.status = changes.status;
  if (changes.signOut !== undefined) next.signOut = changes.signOut;
  if (changes.domains !== undefined) next.domains = normaliseDomains(changes.domains);
  if (changes.clientAuth !== undefined) next.clientAuth = changes.clientAuth;
  if (changes.jit !== undefined) next.jit = changes.jit;
  if (changes.customDomainOrg !== undefined) next.customDomainOrg = changes.customDomainOrg;
  if (changes.clientSecretCiphertext === null) delete next.clientSecretCiphertext;
  else if (changes.clientSecretCiphertext !== undefined) next.clientSecretCiphertext = changes.clientSecretCiphertext;
  if (changes.setup !== undefined) next.setup = structuredClone(changes.setup);
  if (changes.scim === null) delete next.scim;
  else if (changes.scim !== undefined) next.scim = structuredClone(changes.scim);
  return next;
}

/** Domains a change claims anew and domains it gives up. */
export function domainDelta(before: Tenant, after: Tenant): { added: string[]; dropped: string[] } {
  return {
    added: after.domains.filter((d) => !before.domains.includes(d)),
    dropped: before.domains.filter((d) => !after.domains.includes(d)),
  };
}

/** ConflictError messages, identical for every store so callers and tests see one wording. */
export const conflicts = {
  tenantExists: (s: string) => new ConflictError(`tenant "${s}" already exists`),
  noTenant: (s: string) => new ConflictError(`tenant "${s}" does not exist`),
  staleVersion: (s: string, expected: number, actual: number) =>
    new ConflictError(`tenant "${s}" was changed by someone else (version ${actual}, expected ${expected}); read it again and retry`),
  domainTaken: (d: string, owner?: string) =>
    new ConflictError(`email domain "${d}" is already claimed by ${owner ? `tenant "${owner}"` : 'another tenant'}`),
  accountExists: (t: string, e: string) => new ConflictError(`${e} already has an account in tenant "${t}"`),
  noAccount: (t: string, e: string) => new ConflictError(`${e} has no account in tenant "${t}"`),
  subjectTaken: () => new ConflictError('this Okta user is already linked to another account'),
  accountLinked: (t: string, e: string) => new ConflictError(`account ${e} in tenant "${t}" is already linked to another Okta user`),
};
