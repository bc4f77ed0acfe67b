/**
 * Sign-in events on DynamoDB (layout in tables.ts). "Tenant T since X" is a Query on the
 * tenant's partition with `sk >= X`; "tenant T for email E" is a Query on the `byEmail`
 * index, where an event is filed under its `email`, or its `typedEmail` when it has no
 * `email` (`filedEmail`). Each item carries `expiresAt` for TTL.
 */
import { PutCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AuthEvent, EventType } from '../core/events.js';
import type { EventQuery, EventStore } from '../core/ports.js';
import { EVENTS_BY_EMAIL, TTL_ATTRIBUTE } from './tables.js';

const DAY_SECONDS = 86_400;
/** Items per Query page when a bound asks for pages at all (DynamoDB stops at 1 MB anyway). */
const PAGE_ITEMS = 1000;

export const eventPartition = (tenant: string): string => `TENANT#${tenant}`;
export const eventSortKey = (event: Pick<AuthEvent, 'time' | 'id'>): string => `${event.time}#${event.id}`;
const emailPartition = (tenant: string, email: string): string => `${tenant}#${email}`;
/** The address a per-email query finds the event by: the vouched one, else the one typed at login. */
export const filedEmail = (event: Pick<AuthEvent, 'email' | 'typedEmail'>): string | undefined => event.email ?? event.typedEmail;

export class DynamoEventStore implements EventStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Days an event is kept before DynamoDB's TTL removes it. */
    private readonly retentionDays: number,
  ) {}

  async put(event: AuthEvent): Promise<void> {
    const expiresAt = Math.floor(Date.parse(event.time) / 1000) + this.retentionDays * DAY_SECONDS;
    const item: Record<string, unknown> = {
      pk: eventPartition(event.tenant),
      sk: eventSortKey(event),
      ...event,
      [TTL_ATTRIBUTE]: expiresAt,
    };
    const filed = filedEmail(event);
    if (filed) item.tenantEmail = emailPartition(event.tenant, filed);
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  async list(tenant: string, query: EventQuery): Promise<AuthEvent[]> {
    const since = query.since.toISOString();
    const input: QueryCommandInput = query.email
      ? {
          TableName: this.tableName,
          IndexName: EVENTS_BY_EMAIL,
          KeyConditionExpression: 'tenantEmail = :p AND sk >= :since',
          ExpressionAttributeValues: { ':p': emailPartition(tenant, query.email), ':since': since },
        }
      : {
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :p AND sk >= :since',
          ExpressionAttributeValues: { ':p': eventPartition(tenant), ':since': since },
        };
    if (query.type) {
      input.FilterExpression = '#type = :type';
      input.ExpressionAttributeNames = { '#type': 'type' };
      input.ExpressionAttributeValues = { ...input.ExpressionAttributeValues, ':type': query.type };
    }
    const events: AuthEvent[] = [];
    // A filter drops items after the page is read: then read full pages, not `limit`-sized ones.
    const wanted = query.type ? Infinity : (query.limit ?? Infinity);
    let left = query.maxRead ?? Infinity;
    let start: Record<string, unknown> | undefined;
    do {
      const size = Math.min(wanted - events.length, left, PAGE_ITEMS);
      const page = await this.doc.send(
        new QueryCommand({ ...input, ScanIndexForward: false, ExclusiveStartKey: start, ...(size === Infinity ? {} : { Limit: size }) }),
      );
      for (const item of page.Items ?? []) {
        events.push(fromItem(item));
        if (query.limit !== undefined && events.length >= query.limit) return events;
      }
      left -= page.ScannedCount ?? 0;
      start = page.LastEvaluatedKey;
    } while (start && left > 0);
    return events;
  }
}

function fromItem(item: Record<string, unknown>): AuthEvent {
  const event: AuthEvent = {
    id: item.id as string,
    time: item.time as string,
    tenant: item.tenant as string,
    type: item.type as EventType,
  };
  for (const key of ['email', 'typedEmail', 'errorCode', 'group', 'correlationId'] as const)
    if (typeof item[key] === 'string') event[key] = item[key];
  return event;
}
