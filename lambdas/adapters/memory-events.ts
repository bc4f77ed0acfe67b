/** Sign-in events in memory, for tests and tools: the same queries as the DynamoDB store. */
import type { AuthEvent } from '../core/events.js';
import type { EventQuery, EventStore } from '../core/ports.js';
import { eventSortKey, filedEmail } from './dynamo-events.js';

export class MemoryEventStore implements EventStore {
  private readonly events: AuthEvent[] = [];

  /** Everything recorded, oldest first. */
  all(): AuthEvent[] {
    return this.events.map((e) => structuredClone(e));
  }

  async put(event: AuthEvent): Promise<void> {
    this.events.push(structuredClone(event));
  }

  async list(tenant: string, query: EventQuery): Promise<AuthEvent[]> {
    const since = query.since.toISOString();
    // As DynamoDB does: the key condition, newest first, at most `maxRead` read, then the type filter.
    const read = this.events
      .filter((e) => e.tenant === tenant && eventSortKey(e) >= since && (query.email === undefined || filedEmail(e) === query.email))
      .sort((a, b) => (eventSortKey(a) < eventSortKey(b) ? 1 : -1))
      .slice(0, query.maxRead);
    const found = read.filter((e) => query.type === undefined || e.type === query.type);
    return structuredClone(query.limit === undefined ? found : found.slice(0, query.limit));
  }
}
