/**
 * Accounts and their Okta subject links in the directory table. An account lives in its
 * tenant's partition; an Okta user's links share a partition of their own, one item per
 * tenant (`sk = TENANT#<subdomain>`), so that within a tenant one Okta user is linked to at
 * most one account (enforced by a conditional put) while the same user may hold accounts in
 * several tenants. Links of the old shape (one per Okta user) are read beside the new ones.
 */
import { DeleteCommand, GetCommand, paginateQuery, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { canonicalEmail } from '../core/email.js';
import type { Account } from '../core/model.js';
import type { AccountStore, NewAccount } from '../core/ports.js';
import { randomToken } from '../core/random-tokens.js';
import {
  ACCOUNT_PREFIX,
  accountFromItem,
  accountIdItem,
  accountKey,
  conflicts,
  legacySubjectKey,
  newAccount,
  subjectKey,
  tenantKey,
  type Key,
} from './dynamo-items.js';
import { putAccount, putAccountAfterPointer, removeAccountSatellites, unlinkSubject } from './dynamo-account-items.js';
import { batchPut, compensate, existingKeys, GET_BATCH_SIZE, isConditionFailed, keyId, mapLimit, retryThrottled } from './dynamo-writes.js';
import { newWriteId } from './dynamo-retry-safe.js';

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

  /**
   * This tenant's link, or else an old-shape link that names this tenant. Two GetItems at
   * most (the callback may read single items only, never a partition).
   */
  async getAccountBySubject(tenant: string, iss: string, sub: string): Promise<Account | undefined> {
    const read = async (Key: Key) => (await this.doc.send(new GetCommand({ TableName: this.tableName, Key, ConsistentRead: true }))).Item;
    const link = (await read(subjectKey(tenant, iss, sub))) ?? (await read(legacySubjectKey(iss, sub)));
    if (!link || link.tenant !== tenant) return undefined;
    const account = await this.getAccountByEmail(tenant, link.email as string);
    // A link whose account is gone or was re-linked is stale: it identifies nobody.
    return account?.subject?.iss === iss && account.subject.sub === sub ? account : undefined;
  }

  /** Sets `active`; undefined if there is no such account. Repeating it changes nothing more. */
  async setAccountActive(tenant: string, email: string, active: boolean, changedAt?: Date): Promise<Account | undefined> {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: accountKey(tenant, canonicalEmail(email)),
          UpdateExpression: changedAt ? 'SET active = :active, updatedAt = :at' : 'SET active = :active',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':active': active, ...(changedAt ? { ':at': changedAt.toISOString() } : {}) },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return accountFromItem(Attributes!);
    } catch (e) {
      if (isConditionFailed(e)) return undefined;
      throw e;
    }
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

  /**
   * Works through the rows 100 at a time (the next hundred prepared while this one's accounts
   * are written): one BatchGetItem finds the rows whose email has an account, and the id
   * pointers of the others go first, 25 per BatchWriteItem; then each of those accounts gets
   * its conditional put. A file imported again costs one read per row and no writes, and the
   * lookup is bounded by the file, however large the tenant. A row whose account appears
   * between the lookup and the write still meets the conditional put (which takes its pointer
   * back), so the counts stay exact.
   */
  async importAccounts(inputs: NewAccount[], now: Date, onProgress?: (done: number) => void): Promise<{ added: number; existing: number }> {
    for (const tenant of new Set(inputs.map((a) => a.tenant))) await this.requireTenant(tenant);
    const accounts = inputs.map((input) => newAccount(input, now));
    const key = (a: Account) => keyId(accountKey(a.tenant, a.email));
    const batches: Promise<Set<string>>[] = [];
    /** The keys of batch `b` that have an account; the others' id pointers are written when it resolves. */
    const prepare = (b: number): Promise<Set<string>> => {
      const rows = accounts.slice(b * GET_BATCH_SIZE, (b + 1) * GET_BATCH_SIZE);
      if (rows.length === 0) return Promise.resolve(new Set());
      return (batches[b] ??= (async () => {
        const present = await existingKeys(
          this.doc,
          this.tableName,
          rows.map((a) => accountKey(a.tenant, a.email)),
        );
        await batchPut(this.doc, this.tableName, rows.filter((a) => !present.has(key(a))).map(accountIdItem));
        return present;
      })());
    };
    let done = 0;
    let added = 0;
    await mapLimit(Array.from(accounts.keys()), IMPORT_CONCURRENCY, async (i) => {
      const account = accounts[i]!;
      const b = Math.floor(i / GET_BATCH_SIZE);
      // Prepares ahead; a failure there is met when that batch's rows await it.
      prepare(b + 1).catch(() => undefined);
      const present = (await prepare(b)).has(key(account));
      // One write id for every attempt: a put applied before a throttled retry is still ours.
      const writeId = newWriteId();
      if (!present && (await retryThrottled(() => putAccountAfterPointer(this.doc, this.tableName, account, writeId)))) added++;
      onProgress?.(++done);
    });
    return { added, existing: inputs.length - added };
  }

  /**
   * Removes the account, then its subject links, id pointers and group memberships
   * (dynamo-account-items.ts). Reads it first (consistent): when DynamoDB applies the delete but
   * its answer is lost, the SDK's retry deletes nothing and returns no attributes; the account
   * read before still names what to remove, and the account is gone, so the removal succeeded.
   */
  async removeAccount(tenant: string, email: string): Promise<boolean> {
    const key = accountKey(tenant, canonicalEmail(email));
    const { Item: before } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    if (!before) return false;
    const { Attributes: old } = await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: key, ReturnValues: 'ALL_OLD' }));
    await removeAccountSatellites(this.doc, this.tableName, accountFromItem(old ?? before));
    return true;
  }

  /**
   * Writes the subject link first (the uniqueness lock), then marks the account; undoes the
   * link if that fails. The link carries this call's mark, so a put the SDK repeated after a
   * lost answer is recognised as our own: it neither conflicts nor escapes the undo.
   */
  async linkSubject(tenant: string, email: string, subject: { iss: string; sub: string }): Promise<Account> {
    const canonical = canonicalEmail(email);
    await this.refuseLegacyLinkElsewhere(tenant, canonical, subject);
    const mark = randomToken();
    let created: boolean;
    try {
      const { Attributes: previous } = await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...subjectKey(tenant, subject.iss, subject.sub), tenant, email: canonical, iss: subject.iss, sub: subject.sub, mark },
          ConditionExpression: 'attribute_not_exists(pk) OR (#tenant = :tenant AND #email = :email)',
          ExpressionAttributeNames: { '#tenant': 'tenant', '#email': 'email' },
          ExpressionAttributeValues: { ':tenant': tenant, ':email': canonical },
          ReturnValues: 'ALL_OLD',
        }),
      );
      created = previous === undefined || previous.mark === mark;
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
      if (created)
        await compensate(e, () => unlinkSubject(this.doc, this.tableName, subjectKey(tenant, subject.iss, subject.sub), tenant, canonical));
      if (!isConditionFailed(e)) throw e;
      throw (await this.getAccountByEmail(tenant, canonical))
        ? conflicts.accountLinked(tenant, canonical)
        : conflicts.noAccount(tenant, canonical);
    }
  }

  /**
   * True if written, false if the email already had an account (which is left as it is).
   * Retry-safe (dynamo-retry-safe.ts). The id pointer goes first, so that no account exists
   * without one; it is taken back when the email turns out to be taken.
   */
  private putIfAbsent(account: Account): Promise<boolean> {
    return putAccount(this.doc, this.tableName, account);
  }

  /**
   * A link of the old shape (one per Okta user) that names this tenant and another account
   * still linked to this user holds the user in this tenant. No such link is written any
   * more, so reading it before the put is safe: it can only disappear, never appear.
   */
  private async refuseLegacyLinkElsewhere(tenant: string, email: string, subject: { iss: string; sub: string }): Promise<void> {
    const { Item: legacy } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: legacySubjectKey(subject.iss, subject.sub), ConsistentRead: true }),
    );
    if (!legacy || legacy.tenant !== tenant || legacy.email === email) return;
    const holder = await this.getAccountByEmail(tenant, legacy.email as string);
    if (holder?.subject?.iss === subject.iss && holder.subject.sub === subject.sub) throw conflicts.subjectTaken();
  }

  private async requireTenant(subdomain: string): Promise<void> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: tenantKey(subdomain), ProjectionExpression: 'pk', ConsistentRead: true }),
    );
    if (!Item) throw conflicts.noTenant(subdomain);
  }
}
