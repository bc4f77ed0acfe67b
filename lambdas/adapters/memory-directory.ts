/**
 * The DirectoryStore in memory, for unit tests and tools. It keeps the very items the
 * DynamoDB store writes (same keys, same shapes, same conflict rules), so the contract
 * suite can hold both to one standard. Each method runs to completion without awaiting,
 * so every write is atomic here by construction.
 */
import { canonicalEmail } from '../core/email.js';
import type { Account, Tenant } from '../core/model.js';
import type { DirectoryStore, NewAccount, NewTenant, TenantChanges } from '../core/ports.js';
import {
  ACCOUNT_PREFIX,
  accountFromItem,
  accountIdItem,
  accountIdKey,
  accountItem,
  accountKey,
  changedTenant,
  conflicts,
  domainDelta,
  domainKey,
  legacySubjectKey,
  newAccount,
  newTenant,
  subjectKey,
  TENANT_SK,
  tenantFromItem,
  tenantItem,
  tenantKey,
  type Item,
  type Key,
} from './dynamo-items.js';

const id = (key: Key) => `${key.pk}\n${key.sk}`;

export class MemoryDirectoryStore implements DirectoryStore {
  private readonly items = new Map<string, Item>();

  /** Every record as `pk sk`, sorted: what a scan of the DynamoDB table would show. */
  keys(): string[] {
    return [...this.items.values()].map((i) => `${String(i.pk)} ${String(i.sk)}`).sort();
  }

  async getTenant(subdomain: string): Promise<Tenant | undefined> {
    const item = this.get(tenantKey(subdomain));
    return item && tenantFromItem(item);
  }

  async listTenants(): Promise<Tenant[]> {
    return [...this.items.values()]
      .filter((i) => i.sk === TENANT_SK)
      .map(tenantFromItem)
      .sort((a, b) => (a.subdomain < b.subdomain ? -1 : 1));
  }

  async tenantForDomain(domain: string): Promise<string | undefined> {
    return this.get(domainKey(domain.toLowerCase()))?.tenant as string | undefined;
  }

  async createTenant(input: NewTenant, now: Date): Promise<Tenant> {
    const tenant = newTenant(input, now);
    if (this.get(tenantKey(tenant.subdomain))) throw conflicts.tenantExists(tenant.subdomain);
    this.requireUnclaimed(tenant.domains);
    for (const domain of tenant.domains) this.set({ ...domainKey(domain), tenant: tenant.subdomain });
    this.set(tenantItem(tenant));
    return structuredClone(tenant);
  }

  async updateTenant(subdomain: string, expectedVersion: number, changes: TenantChanges, now: Date): Promise<Tenant> {
    const item = this.get(tenantKey(subdomain));
    if (!item) throw conflicts.noTenant(subdomain);
    const current = tenantFromItem(item);
    if (current.version !== expectedVersion) throw conflicts.staleVersion(subdomain, expectedVersion, current.version);
    const next = changedTenant(current, changes, now);
    const { added, dropped } = domainDelta(current, next);
    this.requireUnclaimed(added);
    for (const domain of added) this.set({ ...domainKey(domain), tenant: subdomain });
    this.set(tenantItem(next));
    for (const domain of dropped) this.deleteIf(domainKey(domain), (claim) => claim.tenant === subdomain);
    return structuredClone(next);
  }

  async removeTenant(subdomain: string): Promise<void> {
    const tenant = await this.getTenant(subdomain);
    if (!tenant) throw conflicts.noTenant(subdomain);
    for (const account of await this.listAccounts(subdomain)) {
      if (account.subject) this.unlink(account.subject, subdomain);
    }
    // Accounts and everything beside them in the partition (id pointers, SCIM groups and memberships).
    const pk = tenantKey(subdomain).pk;
    for (const [key, item] of this.items) if (item.pk === pk && item.sk !== TENANT_SK) this.items.delete(key);
    for (const domain of tenant.domains) this.deleteIf(domainKey(domain), (claim) => claim.tenant === subdomain);
    this.items.delete(id(tenantKey(subdomain)));
  }

  async getAccountByEmail(tenant: string, email: string): Promise<Account | undefined> {
    const item = this.get(accountKey(tenant, canonicalEmail(email)));
    return item && accountFromItem(item);
  }

  async getAccountBySubject(tenant: string, iss: string, sub: string): Promise<Account | undefined> {
    const link = this.get(subjectKey(tenant, iss, sub)) ?? this.get(legacySubjectKey(iss, sub));
    if (!link || link.tenant !== tenant) return undefined;
    const account = await this.getAccountByEmail(tenant, link.email as string);
    return account?.subject?.iss === iss && account.subject.sub === sub ? account : undefined;
  }

  async setAccountActive(tenant: string, email: string, active: boolean, changedAt?: Date): Promise<Account | undefined> {
    const item = this.get(accountKey(tenant, canonicalEmail(email)));
    if (!item) return undefined;
    const next = { ...item, active, ...(changedAt ? { updatedAt: changedAt.toISOString() } : {}) };
    this.set(next);
    return accountFromItem(next);
  }

  async listAccounts(tenant: string): Promise<Account[]> {
    const pk = tenantKey(tenant).pk;
    return [...this.items.values()]
      .filter((i) => i.pk === pk && (i.sk as string).startsWith(ACCOUNT_PREFIX))
      .sort((a, b) => ((a.sk as string) < (b.sk as string) ? -1 : 1))
      .map(accountFromItem);
  }

  async addAccount(input: NewAccount, now: Date): Promise<Account> {
    this.requireTenant(input.tenant);
    const account = newAccount(input, now);
    if (!this.putIfAbsent(account)) throw conflicts.accountExists(account.tenant, account.email);
    return structuredClone(account);
  }

  async importAccounts(inputs: NewAccount[], now: Date, onProgress?: (done: number) => void): Promise<{ added: number; existing: number }> {
    for (const tenant of new Set(inputs.map((a) => a.tenant))) this.requireTenant(tenant);
    let added = 0;
    inputs.forEach((input, i) => {
      if (this.putIfAbsent(newAccount(input, now))) added++;
      onProgress?.(i + 1);
    });
    return { added, existing: inputs.length - added };
  }

  async removeAccount(tenant: string, email: string): Promise<boolean> {
    const key = accountKey(tenant, canonicalEmail(email));
    const item = this.get(key);
    if (!item) return false;
    this.items.delete(id(key));
    const { subject } = accountFromItem(item);
    if (subject) this.unlink(subject, tenant, item.email as string);
    this.deleteIf(accountIdKey(tenant, item.id as string), (pointer) => pointer.email === item.email);
    return true;
  }

  async linkSubject(tenant: string, email: string, subject: { iss: string; sub: string }): Promise<Account> {
    const canonical = canonicalEmail(email);
    const legacy = this.get(legacySubjectKey(subject.iss, subject.sub));
    if (legacy && legacy.tenant === tenant && legacy.email !== canonical) {
      const holder = this.get(accountKey(tenant, legacy.email as string));
      if (holder?.subjectIss === subject.iss && holder.subjectSub === subject.sub) throw conflicts.subjectTaken();
    }
    const link = this.get(subjectKey(tenant, subject.iss, subject.sub));
    if (link && link.email !== canonical) throw conflicts.subjectTaken();
    const item = this.get(accountKey(tenant, canonical));
    if (!item) throw conflicts.noAccount(tenant, canonical);
    if (item.subjectSub !== undefined && (item.subjectIss !== subject.iss || item.subjectSub !== subject.sub)) {
      throw conflicts.accountLinked(tenant, canonical);
    }
    this.set({ ...subjectKey(tenant, subject.iss, subject.sub), tenant, email: canonical, iss: subject.iss, sub: subject.sub });
    this.set({ ...item, subjectIss: subject.iss, subjectSub: subject.sub });
    return accountFromItem(this.get(accountKey(tenant, canonical))!);
  }

  private get(key: Key): Item | undefined {
    const item = this.items.get(id(key));
    return item && structuredClone(item);
  }

  private set(item: Item): void {
    // Drop undefined attributes, as the DynamoDB client's removeUndefinedValues does.
    const clean = Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined));
    this.items.set(id(item as unknown as Key), structuredClone(clean));
  }

  /** Deletes the account's links, of both shapes, that still name this tenant (and email). */
  private unlink(subject: { iss: string; sub: string }, tenant: string, email?: string): void {
    const ours = (l: Item) => l.tenant === tenant && (email === undefined || l.email === email);
    this.deleteIf(subjectKey(tenant, subject.iss, subject.sub), ours);
    this.deleteIf(legacySubjectKey(subject.iss, subject.sub), ours);
  }

  /** Test seam: stores an item as it is, e.g. a record of an older layout. */
  seed(item: Item): void {
    this.set(item);
  }

  private deleteIf(key: Key, predicate: (item: Item) => boolean): void {
    const item = this.items.get(id(key));
    if (item && predicate(item)) this.items.delete(id(key));
  }

  private putIfAbsent(account: Account): boolean {
    if (this.items.has(id(accountKey(account.tenant, account.email)))) return false;
    this.set(accountIdItem(account));
    this.set(accountItem(account));
    return true;
  }

  private requireTenant(subdomain: string): void {
    if (!this.items.has(id(tenantKey(subdomain)))) throw conflicts.noTenant(subdomain);
  }

  /** The first domain already claimed, in order, is the one named, as in the DynamoDB store. */
  private requireUnclaimed(domains: readonly string[]): void {
    for (const domain of domains) {
      const claim = this.get(domainKey(domain));
      if (claim) throw conflicts.domainTaken(domain, claim.tenant as string);
    }
  }
}
