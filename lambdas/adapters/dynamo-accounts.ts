/**
 * Accounts and their Okta subject links in the directory table. An account lives in its
 * tenant's partition; a subject link owns a partition of its own so that one Okta user can
 * be linked to at most one account, enforced by a conditional put.
 */
import { DeleteCommand, GetCommand, paginateQuery, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { canonicalEmail } from '../core/email.js';
import type { Account } from '../core/model.js';
import type { AccountStore, NewAccount } from '../core/ports.js';
import { ACCOUNT_PREFIX, accountFromItem, accountItem, accountKey, conflicts, newAccount, subjectKey, tenantKey } from './dynamo-items.js';
import { putNew } from './dynamo-retry-safe.js';
import { compensate, isConditionFailed, mapLimit, retryThrottled } from './dynamo-writes.js';

/** Writes in flight during an import: fast, yet well under a cold table's burst capacity. */
const IMPORT_CONCURRENCY = 16;

export class DynamoAccountStore implements AccountStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getAccountByEmail(tenant: string, email: string): Promise<Account | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: accountKey(tenant, canonicalEmail(email)), ConsistentRead: true }),
    );
    return Item ? accountFromItem(Item) : undefined;
  }

  async getAccountBySubject(iss: string, sub: string): Promise<Account | undefined> {
    const { Item: link } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: subjectKey(iss, sub), ConsistentRead: true }));
    if (!link) return undefined;
    const account = await this.getAccountByEmail(link.tenant as string, link.email as string);
    // A link whose account is gone or was re-linked is stale: it identifies nobody.
    return account?.subject?.iss === iss && account.subject.sub === sub ? account : undefined;
  }

  async listAccounts(tenant: string): Promise<Account[]> {
    const accounts: Account[] = [];
    const pages = paginateQuery(
      { client: this.doc },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': tenantKey(tenant).pk, ':prefix': ACCOUNT_PREFIX },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) accounts.push(...(page.Items ?? []).map(accountFromItem));
    return accounts;
  }

  async addAccount(input: NewAccount, now: Date): Promise<Account> {
    await this.requireTenant(input.tenant);
    const account = newAccount(input, now);
    if (!(await this.putIfAbsent(account))) throw conflicts.accountExists(account.tenant, account.email);
    return account;
  }

  async importAccounts(inputs: NewAccount[], now: Date, onProgress?: (done: number) => void): Promise<{ added: number; existing: number }> {
    for (const tenant of new Set(inputs.map((a) => a.tenant))) await this.requireTenant(tenant);
    let done = 0;
    let added = 0;
    await mapLimit(inputs, IMPORT_CONCURRENCY, async (input) => {
      if (await retryThrottled(() => this.putIfAbsent(newAccount(input, now)))) added++;
      onProgress?.(++done);
    });
    return { added, existing: inputs.length - added };
  }

  async removeAccount(tenant: string, email: string): Promise<boolean> {
    const key = accountKey(tenant, canonicalEmail(email));
    const { Attributes: old } = await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: key, ReturnValues: 'ALL_OLD' }));
    if (!old) return false;
    const account = accountFromItem(old);
    if (account.subject) await this.unlink(account.subject, tenant, account.email);
    return true;
  }

  /** Writes the subject link first (the uniqueness lock), then marks the account; undoes the link if that fails. */
  async linkSubject(tenant: string, email: string, subject: { iss: string; sub: string }): Promise<Account> {
    const canonical = canonicalEmail(email);
    let created: boolean;
    try {
      const { Attributes: previous } = await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...subjectKey(subject.iss, subject.sub), tenant, email: canonical, iss: subject.iss, sub: subject.sub },
          ConditionExpression: 'attribute_not_exists(pk) OR (#tenant = :tenant AND #email = :email)',
          ExpressionAttributeNames: { '#tenant': 'tenant', '#email': 'email' },
          ExpressionAttributeValues: { ':tenant': tenant, ':email': canonical },
          ReturnValues: 'ALL_OLD',
        }),
      );
      created = previous === undefined;
    } catch (e) {
      throw isConditionFailed(e) ? conflicts.subjectTaken() : e;
    }
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: accountKey(tenant, canonical),
          UpdateExpression: 'SET subjectIss = :iss, subjectSub = :sub',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(subjectSub) OR (subjectIss = :iss AND subjectSub = :sub))',
          ExpressionAttributeValues: { ':iss': subject.iss, ':sub': subject.sub },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return accountFromItem(Attributes!);
    } catch (e) {
      if (created) await compensate(e, () => this.unlink(subject, tenant, canonical));
      if (!isConditionFailed(e)) throw e;
      throw (await this.getAccountByEmail(tenant, canonical)) ? conflicts.accountLinked(tenant, canonical) : conflicts.noAccount(tenant, canonical);
    }
  }

  /** True if written, false if the email already had an account (which is left as it is). Retry-safe (dynamo-retry-safe.ts). */
  private putIfAbsent(account: Account): Promise<boolean> {
    return putNew(this.doc, this.tableName, accountKey(account.tenant, account.email), accountItem(account));
  }

  /** Deletes the link only if it still points to this account. */
  private async unlink(subject: { iss: string; sub: string }, tenant: string, email: string): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: subjectKey(subject.iss, subject.sub),
          ConditionExpression: '#tenant = :tenant AND #email = :email',
          ExpressionAttributeNames: { '#tenant': 'tenant', '#email': 'email' },
          ExpressionAttributeValues: { ':tenant': tenant, ':email': email },
        }),
      );
    } catch (e) {
      if (!isConditionFailed(e)) throw e;
    }
  }

  private async requireTenant(subdomain: string): Promise<void> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: tenantKey(subdomain), ProjectionExpression: 'pk', ConsistentRead: true }),
    );
    if (!Item) throw conflicts.noTenant(subdomain);
  }
}
