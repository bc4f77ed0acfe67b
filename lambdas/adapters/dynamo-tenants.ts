/**
 * Tenants and their email-domain claims in the directory table. DynamoDB Local and AWS have
 * transactions but the embedded DynamoDB does not, so multi-item writes are conditional
 * single-item writes in a safe order, undone on failure.
 */
import { DeleteCommand, GetCommand, paginateQuery, paginateScan, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Tenant } from '../core/model.js';
import type { NewTenant, TenantChanges, TenantStore } from '../core/ports.js';
import {
  changedTenant,
  conflicts,
  domainDelta,
  domainKey,
  legacySubjectKey,
  newTenant,
  subjectKey,
  TENANT_SK,
  tenantFromItem,
  tenantItem,
  tenantKey,
  type Key,
} from './dynamo-items.js';
import { unlinkSubject } from './dynamo-account-items.js';
import { newWriteId, putNew, WRITE_ID } from './dynamo-retry-safe.js';
import { batchDelete, compensate, isConditionFailed, mapLimit } from './dynamo-writes.js';

const bySubdomain = (a: Tenant, b: Tenant) => (a.subdomain < b.subdomain ? -1 : a.subdomain > b.subdomain ? 1 : 0);

export class DynamoTenantStore implements TenantStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getTenant(subdomain: string): Promise<Tenant | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: tenantKey(subdomain), ConsistentRead: true }));
    return Item ? tenantFromItem(Item) : undefined;
  }

  async listTenants(): Promise<Tenant[]> {
    const tenants: Tenant[] = [];
    const pages = paginateScan(
      { client: this.doc },
      { TableName: this.tableName, FilterExpression: 'sk = :sk', ExpressionAttributeValues: { ':sk': TENANT_SK }, ConsistentRead: true },
    );
    for await (const page of pages) tenants.push(...(page.Items ?? []).map(tenantFromItem));
    return tenants.sort(bySubdomain);
  }

  async tenantForDomain(domain: string): Promise<string | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: domainKey(domain.toLowerCase()), ConsistentRead: true }),
    );
    return Item?.tenant as string | undefined;
  }

  /**
   * Claims every domain, then writes the tenant; on any failure releases the claims it made
   * (and the tenant item, if DynamoDB applied the put but every answer to it was lost).
   */
  async createTenant(input: NewTenant, now: Date): Promise<Tenant> {
    const tenant = newTenant(input, now);
    // A friendly early answer; the conditional put below is what guarantees it.
    if (await this.getTenant(tenant.subdomain)) throw conflicts.tenantExists(tenant.subdomain);
    const writeId = newWriteId();
    const claimed: string[] = [];
    try {
      for (const domain of tenant.domains) {
        await this.claimDomain(domain, tenant.subdomain);
        claimed.push(domain);
      }
      if (!(await putNew(this.doc, this.tableName, tenantKey(tenant.subdomain), tenantItem(tenant), writeId)))
        throw conflicts.tenantExists(tenant.subdomain);
      return tenant;
    } catch (e) {
      await compensate(e, async () => {
        await this.deleteIfWritten(tenantKey(tenant.subdomain), writeId);
        await this.releaseDomains(claimed, tenant.subdomain);
      });
      throw e;
    }
  }

  /**
   * Claims added domains, updates the tenant if its version matches, then releases dropped
   * ones. The update carries a write id: when the SDK's retry of an applied update finds
   * the version already moved on (or every answer was lost), the id shows the move was
   * this update's own.
   */
  async updateTenant(subdomain: string, expectedVersion: number, changes: TenantChanges, now: Date): Promise<Tenant> {
    const current = await this.getTenant(subdomain);
    if (!current) throw conflicts.noTenant(subdomain);
    if (current.version !== expectedVersion) throw conflicts.staleVersion(subdomain, expectedVersion, current.version);
    const next = changedTenant(current, changes, now);
    const { added, dropped } = domainDelta(current, next);
    const writeId = newWriteId();
    const claimed: string[] = [];
    try {
      for (const domain of added) {
        await this.claimDomain(domain, subdomain);
        claimed.push(domain);
      }
      await this.writeVersion(next, expectedVersion, writeId);
    } catch (e) {
      // null: the item could not be read back, so nothing is known about it.
      const item = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: tenantKey(subdomain), ConsistentRead: true })).then(
        (r) => r.Item,
        () => null,
      );
      const applied = claimed.length === added.length && item?.[WRITE_ID] === writeId;
      if (!applied) {
        // A claim the tenant item lists stays: our update may have applied (its answer lost) and
        // another landed on top before the read-back. Unreadable item: every claim stays (a
        // stray claim of this tenant is safer than a listed domain another tenant could claim).
        const listed = item === null ? claimed : ((item?.domains as string[] | undefined) ?? []);
        await compensate(e, () =>
          this.releaseDomains(
            claimed.filter((d) => !listed.includes(d)),
            subdomain,
          ),
        );
        if (!isConditionFailed(e)) throw e;
        const latest = await this.getTenant(subdomain);
        throw latest ? conflicts.staleVersion(subdomain, expectedVersion, latest.version) : conflicts.noTenant(subdomain);
      }
    }
    await this.releaseDomains(dropped, subdomain);
    return next;
  }

  /** Removes accounts (subject links first), then domain claims, then the tenant itself. */
  async removeTenant(subdomain: string): Promise<void> {
    const tenant = await this.getTenant(subdomain);
    if (!tenant) throw conflicts.noTenant(subdomain);
    const pages = paginateQuery(
      { client: this.doc },
      {
        TableName: this.tableName,
        // Accounts and everything beside them in the partition (id pointers, SCIM groups and memberships).
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': tenantKey(subdomain).pk },
        ProjectionExpression: 'pk, sk, subjectIss, subjectSub',
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      // The tenant item goes last, below.
      const items = (page.Items ?? []).filter((i) => i.sk !== TENANT_SK);
      // Links go before their accounts: a link left behind by a crash would block a re-link.
      const linked = items.filter((i) => i.subjectIss && i.subjectSub);
      const links: Key[] = linked.map((i) => subjectKey(subdomain, i.subjectIss as string, i.subjectSub as string));
      await batchDelete(this.doc, this.tableName, links);
      // An old-shape link has one key for all tenants: it is deleted only if it names this one.
      await mapLimit(linked, 8, (i) =>
        unlinkSubject(this.doc, this.tableName, legacySubjectKey(i.subjectIss as string, i.subjectSub as string), subdomain),
      );
      await batchDelete(
        this.doc,
        this.tableName,
        items.map((i) => ({ pk: i.pk as string, sk: i.sk as string })),
      );
    }
    await this.releaseDomains(tenant.domains, subdomain);
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: tenantKey(subdomain) }));
  }

  private async writeVersion(next: Tenant, expectedVersion: number, writeId: string): Promise<void> {
    const fields: Record<string, unknown> = {
      name: next.name,
      issuer: next.issuer,
      clientId: next.clientId,
      domains: next.domains,
      status: next.status,
      clientAuth: next.clientAuth,
      jit: next.jit,
      customDomainOrg: next.customDomainOrg,
      signOut: next.signOut,
    };
    if (next.setup) fields.setup = next.setup;
    if (next.scim) fields.scim = next.scim;
    const names = Object.keys(fields);
    const secret = next.clientSecretCiphertext;
    const removed = [...(secret === undefined ? ['#clientSecretCiphertext'] : []), ...(next.scim ? [] : ['#scim'])];
    const secretClause = removed.length > 0 ? ` REMOVE ${removed.join(', ')}` : '';
    const allNames = [...new Set([...names, 'version', 'updatedAt', 'clientSecretCiphertext', 'scim', WRITE_ID])];
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: tenantKey(next.subdomain),
        UpdateExpression:
          `SET ${names.map((n) => `#${n} = :${n}`).join(', ')}, #version = :next, #updatedAt = :updatedAt, #${WRITE_ID} = :writeId` +
          (secret === undefined ? '' : ', #clientSecretCiphertext = :clientSecretCiphertext') +
          secretClause,
        ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
        ExpressionAttributeNames: Object.fromEntries(allNames.map((n) => [`#${n}`, n])),
        ExpressionAttributeValues: {
          ...Object.fromEntries(Object.entries(fields).map(([n, v]) => [`:${n}`, v])),
          ...(secret === undefined ? {} : { ':clientSecretCiphertext': secret }),
          ':next': next.version,
          ':expected': expectedVersion,
          ':updatedAt': next.updatedAt,
          ':writeId': writeId,
        },
      }),
    );
  }

  private async claimDomain(domain: string, subdomain: string): Promise<void> {
    if (!(await putNew(this.doc, this.tableName, domainKey(domain), { tenant: subdomain }))) {
      throw conflicts.domainTaken(domain, await this.tenantForDomain(domain));
    }
  }

  /** Deletes claims that still point to this tenant; a claim someone else holds is left alone. */
  private async releaseDomains(domains: readonly string[], subdomain: string): Promise<void> {
    for (const domain of domains) {
      try {
        await this.doc.send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: domainKey(domain),
            ConditionExpression: '#tenant = :tenant',
            ExpressionAttributeNames: { '#tenant': 'tenant' },
            ExpressionAttributeValues: { ':tenant': subdomain },
          }),
        );
      } catch (e) {
        if (!isConditionFailed(e)) throw e;
      }
    }
  }

  /** Deletes the item at `key` only if `writeId` wrote it last. */
  private async deleteIfWritten(key: Key, writeId: string): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: key,
          ConditionExpression: '#writeId = :writeId',
          ExpressionAttributeNames: { '#writeId': WRITE_ID },
          ExpressionAttributeValues: { ':writeId': writeId },
        }),
      );
    } catch (e) {
      if (!isConditionFailed(e)) throw e;
    }
  }
}
