/**
 * One contract for the event stores: in memory, DynamoDB on the embedded dynalite, and on
 * AWS's DynamoDB Local (when Java is present). Events come back newest first, per tenant,
 * per email, from a time on, up to a limit — by Query, never a scan — and carry their TTL.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuthEvent } from '../../lambdas/core/events.js';
import type { EventStore } from '../../lambdas/core/ports.js';
import { eventPartition, eventSortKey } from '../../lambdas/adapters/dynamo-events.js';
import { MemoryEventStore } from '../../lambdas/adapters/memory-events.js';
import { openSuiteTables, type TestDynamo } from '../fixtures/dynamodb.js';
import { EMULATORS } from '../fixtures/emulators.js';

interface Backend {
  fresh(): Promise<{ events: EventStore; ttlOf?(event: AuthEvent): Promise<unknown> }>;
  close(): Promise<void>;
}

const at = (minute: number) => new Date(Date.UTC(2030, 0, 2, 3, minute)).toISOString();
let serial = 0;
const event = (minute: number, over: Partial<AuthEvent> = {}): AuthEvent => ({
  id: `e${String(++serial).padStart(4, '0')}`,
  time: at(minute),
  tenant: 'acme',
  type: 'sign_in',
  email: 'bob@acme.example',
  correlationId: `corr-${serial}`,
  ...over,
});
const ids = (events: AuthEvent[]) => events.map((e) => e.id);

function eventContract(name: string, start: () => Promise<Backend>, skipReason?: string): void {
  describe.skipIf(skipReason !== undefined)(skipReason ? `${name} — skipped: ${skipReason}` : name, () => {
    let backend: Backend;
    let store: Awaited<ReturnType<Backend['fresh']>>;
    beforeAll(async () => {
      backend = await start();
    });
    afterAll(() => backend?.close());
    beforeEach(async () => {
      store = await backend.fresh();
    });

    it('gives back exactly what was written, newest first', async () => {
      const written = [
        event(1),
        event(3, { type: 'sign_in_failed', errorCode: 'no_account' }),
        event(2, { email: undefined, type: 'sign_out' }),
      ];
      for (const e of written) await store.events.put(e);

      const found = await store.events.list('acme', { since: new Date(at(0)) });

      expect(found).toEqual([written[1], written[2], written[0]].map((e) => JSON.parse(JSON.stringify(e))));
    });

    it("gives back SCIM's events with their email or group name", async () => {
      const written = [
        event(1, { type: 'account_provisioned' }),
        event(2, { type: 'account_deactivated' }),
        event(3, { type: 'group_changed', email: undefined, group: 'Sales EMEA' }),
      ];
      for (const e of written) await store.events.put(e);
      const found = await store.events.list('acme', { since: new Date(at(0)) });
      expect(found).toEqual([...written].reverse().map((e) => JSON.parse(JSON.stringify(e))));
    });

    it('keeps tenants apart and starts at `since` (inclusive)', async () => {
      const a1 = event(1);
      const a2 = event(5);
      await store.events.put(a1);
      await store.events.put(a2);
      await store.events.put(event(6, { tenant: 'rival' }));

      expect(ids(await store.events.list('acme', { since: new Date(at(5)) }))).toEqual([a2.id]);
      expect(ids(await store.events.list('acme', { since: new Date(at(0)) }))).toEqual([a2.id, a1.id]);
      expect(await store.events.list('nobody', { since: new Date(at(0)) })).toEqual([]);
    });

    it('finds one person’s events in a tenant, and none of another tenant’s with the same email', async () => {
      const bob1 = event(1);
      const ann = event(2, { email: 'ann@acme.example' });
      const bob2 = event(3, { type: 'sign_in_failed', errorCode: 'access_denied' });
      const anonymous = event(4, { email: undefined, type: 'sign_in_failed', errorCode: 'login_expired' });
      for (const e of [bob1, ann, bob2, anonymous, event(5, { tenant: 'rival' })]) await store.events.put(e);

      expect(ids(await store.events.list('acme', { since: new Date(at(0)), email: 'bob@acme.example' }))).toEqual([bob2.id, bob1.id]);
      expect(ids(await store.events.list('acme', { since: new Date(at(2)), email: 'bob@acme.example' }))).toEqual([bob2.id]);
      expect(ids(await store.events.list('acme', { since: new Date(at(0)), email: 'ann@acme.example' }))).toEqual([ann.id]);
    });

    it('keeps typedEmail apart from email; a per-email query finds an event by its email, else by the address typed', async () => {
      const typedAnnOktaBob = event(1, { typedEmail: 'ann@acme.example' });
      const typedOnly = event(2, { email: undefined, typedEmail: 'ann@acme.example', type: 'sign_in_failed', errorCode: 'access_denied' });
      for (const e of [typedAnnOktaBob, typedOnly]) await store.events.put(e);

      expect(await store.events.list('acme', { since: new Date(at(0)) })).toEqual(
        [typedOnly, typedAnnOktaBob].map((e) => JSON.parse(JSON.stringify(e))),
      );
      expect(ids(await store.events.list('acme', { since: new Date(at(0)), email: 'ann@acme.example' }))).toEqual([typedOnly.id]);
      expect(ids(await store.events.list('acme', { since: new Date(at(0)), email: 'bob@acme.example' }))).toEqual([typedAnnOktaBob.id]);
    });

    it('stops at the limit, newest first, also across many events', async () => {
      const many = Array.from({ length: 30 }, (_, i) => event(i + 1));
      for (const e of many) await store.events.put(e);

      expect(ids(await store.events.list('acme', { since: new Date(at(0)), limit: 3 }))).toEqual(ids(many.slice(-3).reverse()));
      expect(await store.events.list('acme', { since: new Date(at(0)) })).toHaveLength(30);
      expect(ids(await store.events.list('acme', { since: new Date(at(0)), email: 'bob@acme.example', limit: 2 }))).toEqual(
        ids(many.slice(-2).reverse()),
      );
    });

    it('filters by type, finding the newest match behind newer events of other types', async () => {
      const old = event(1);
      for (let i = 0; i < 25; i++) await store.events.put(event(2 + i, { type: 'sign_in_failed', errorCode: 'access_denied' }));
      await store.events.put(old);

      expect(ids(await store.events.list('acme', { since: new Date(at(0)), type: 'sign_in', limit: 1 }))).toEqual([old.id]);
      expect(await store.events.list('acme', { since: new Date(at(0)), type: 'sign_out' })).toEqual([]);
    });

    it('reads at most maxRead events, newest first, before the type filter: a rare match further back is not found', async () => {
      const old = event(1);
      await store.events.put(old);
      for (let i = 0; i < 25; i++) await store.events.put(event(2 + i, { type: 'sign_in_failed', errorCode: 'access_denied' }));

      expect(await store.events.list('acme', { since: new Date(at(0)), type: 'sign_in', limit: 1, maxRead: 25 })).toEqual([]);
      expect(ids(await store.events.list('acme', { since: new Date(at(0)), type: 'sign_in', limit: 1, maxRead: 26 }))).toEqual([old.id]);
      expect(await store.events.list('acme', { since: new Date(at(0)), maxRead: 10 })).toHaveLength(10);
      expect(await store.events.list('acme', { since: new Date(at(0)), maxRead: 10, limit: 3 })).toHaveLength(3);
    });

    // Only DynamoDB has TTL; the memory store keeps events for its short life.
    if (name.includes('DynamoDB')) {
      it('stamps each item with its expiry for TTL: time + retention', async () => {
        const e = event(1);
        await store.events.put(e);

        expect(await store.ttlOf!(e)).toBe(Math.floor(Date.parse(e.time) / 1000) + 90 * 86_400);
      });
    }
  });
}

async function dynamoBackend(endpoint: string, stop: () => Promise<void>): Promise<Backend> {
  const suite = await openSuiteTables(endpoint);
  const opened: TestDynamo[] = [];
  return {
    async fresh() {
      const tables = await suite.fresh();
      opened.push(tables);
      const ttlOf = async (e: AuthEvent) =>
        (
          await tables.doc.send(
            new GetCommand({ TableName: tables.names.events, Key: { pk: eventPartition(e.tenant), sk: eventSortKey(e) } }),
          )
        ).Item?.expiresAt;
      return { events: tables.events, ttlOf };
    },
    async close() {
      await Promise.all(opened.map((t) => t.close()));
      await suite.close();
      await stop();
    },
  };
}

eventContract('memory event store', async () => ({
  fresh: async () => ({ events: new MemoryEventStore() }),
  close: async () => undefined,
}));

for (const emulator of EMULATORS) {
  eventContract(
    `DynamoDB event store on ${emulator.label}`,
    async () => {
      const server = await emulator.start();
      return dynamoBackend(server.endpoint, () => server.close());
    },
    emulator.skipReason,
  );
}
