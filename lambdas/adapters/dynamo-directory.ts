/** The DirectoryStore on DynamoDB: tenants, domain claims, accounts and subject links in one table. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Account, Tenant } from '../core/model.js';
import type { DirectoryStore, NewAccount, NewTenant, TenantChanges } from '../core/ports.js';
import { DynamoAccountStore } from './dynamo-accounts.js';
import { DynamoTenantStore } from './dynamo-tenants.js';

export class DynamoDirectoryStore implements DirectoryStore {
  private readonly tenants: DynamoTenantStore;
  private readonly accounts: DynamoAccountStore;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.tenants = new DynamoTenantStore(doc, tableName);
    this.accounts = new DynamoAccountStore(doc, tableName);
  }

  getTenant(subdomain: string): Promise<Tenant | undefined> {
    return this.tenants.getTenant(subdomain);
  }
  listTenants(): Promise<Tenant[]> {
    return this.tenants.listTenants();
  }
  tenantForDomain(domain: string): Promise<string | undefined> {
    return this.tenants.tenantForDomain(domain);
  }
  createTenant(tenant: NewTenant, now: Date): Promise<Tenant> {
    return this.tenants.createTenant(tenant, now);
  }
  updateTenant(subdomain: string, expectedVersion: number, changes: TenantChanges, now: Date): Promise<Tenant> {
    return this.tenants.updateTenant(subdomain, expectedVersion, changes, now);
  }
  removeTenant(subdomain: string): Promise<void> {
    return this.tenants.removeTenant(subdomain);
  }

  getAccountByEmail(tenant: string, email: string): Promise<Account | undefined> {
    return this.accounts.getAccountByEmail(tenant, email);
  }
  getAccountBySubject(tenant: string, iss: string, sub: string): Promise<Account | undefined> {
    return this.accounts.getAccountBySubject(tenant, iss, sub);
  }
  setAccountActive(tenant: string, email: string, active: boolean, changedAt?: Date): Promise<Account | undefined> {
    return this.accounts.setAccountActive(tenant, email, active, changedAt);
  }
  listAccounts(tenant: string): Promise<Account[]> {
    return this.accounts.listAccounts(tenant);
  }
  addAccount(account: NewAccount, now: Date): Promise<Account> {
    return this.accounts.addAccount(account, now);
  }
  importAccounts(accounts: NewAccount[], now: Date, onProgress?: (done: number) => void): Promise<{ added: number; existing: number }> {
    return this.accounts.importAccounts(accounts, now, onProgress);
  }
  removeAccount(tenant: string, email: string): Promise<boolean> {
    return this.accounts.removeAccount(tenant, email);
  }
  linkSubject(tenant: string, email: string, subject: { iss: string; sub: string }): Promise<Account> {
    return this.accounts.linkSubject(tenant, email, subject);
  }
}
