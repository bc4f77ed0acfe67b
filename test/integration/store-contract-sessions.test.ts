/**
 * The SessionStore contract, held against the in-memory store, the DynamoDB store on the
 * embedded dynalite, and on AWS's DynamoDB Local (when Java is present). Empty tables per test.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemorySessionStore } from '../../lambdas/adapters/memory-sessions.js';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoSessionStore, TENANT_PAGE_SIZE } from '../../lambdas/adapters/dynamo-sessions.js';
import type { Session } from '../../lambdas/core/model.js';
import { ConflictError, type SessionStore } from '../../lambdas/core/ports.js';
import { openSuiteTables, openTestTables, scanAll, type TestDynamo } from '../fixtures/dynamodb.js';
import { EMULATORS } from '../fixtures/emulators.js';

interface Backend {
  fresh(): Promise<{ sessions: SessionStore; count(): Promise<number> }>;
  close(): Promise<void>;
}

const NOW = Math.floor(Date.now() / 1000);
const session = (tenant: string, accountId: string, sid: string, over: Partial<Session> = {}): Session => ({
  tenant,
  accountId,
  email: `${accountId}@${tenant}.example`,
  sid,
  createdAt: new Date(NOW * 1000).toISOString(),
  expiresAt: NOW + 3600,
  ...over,
});

function sessionContract(name: string, start: () => Promise<Backend>, skipReason?: string): void {
  describe.skipIf(skipReason !== undefined)(skipReason ? `${name} — skipped: ${skipReason}` : name, () => {
    let backend: Backend;
    let s: SessionStore;
    let count: () => Promise<number>;
    beforeAll(async () => {
      backend = await start();
    });
    afterAll(() => backend?.close());
    beforeEach(async () => {
      ({ sessions: s, count } = await backend.fresh());
    });

    it('creates a session once and reads it back exactly, ID token included', async () => {
      const a = session('acme', 'acc_1', 'sid-a', { idToken: 'eyJ.id.token' });
      await s.create(a);
      await expect(s.create({ ...a, email: 'other@x.example' })).rejects.toBeInstanceOf(ConflictError);
      expect(await s.get('acme', 'acc_1', 'sid-a', NOW)).toEqual(a);
      expect(await s.get('acme', 'acc_1', 'sid-b', NOW)).toBeUndefined();
      expect(await s.get('rival', 'acc_1', 'sid-a', NOW)).toBeUndefined();
      expect(await s.get('acme', 'acc_2', 'sid-a', NOW)).toBeUndefined();
    });

    it('treats a session as ended at expiresAt, whatever TTL has not swept yet', async () => {
      await s.create(session('acme', 'acc_1', 'sid-a', { expiresAt: NOW + 10 }));
      expect(await s.get('acme', 'acc_1', 'sid-a', NOW + 9)).toBeDefined();
      expect(await s.get('acme', 'acc_1', 'sid-a', NOW + 10)).toBeUndefined();
    });

    it('ends one session and returns it; a second end finds nothing', async () => {
      const a = session('acme', 'acc_1', 'sid-a', { idToken: 'eyJ.id.token' });
      await s.create(a);
      await s.create(session('acme', 'acc_1', 'sid-b'));
      expect(await s.end('acme', 'acc_1', 'sid-a')).toEqual(a);
      expect(await s.end('acme', 'acc_1', 'sid-a')).toBeUndefined();
      expect(await s.get('acme', 'acc_1', 'sid-b', NOW)).toBeDefined();
    });

    it("ends every session of one account and nobody else's (an account id that prefixes another included)", async () => {
      for (const [t, acc, sid] of [
        ['acme', 'acc_1', 'a'],
        ['acme', 'acc_1', 'b'],
        ['acme', 'acc_10', 'c'],
        ['acme', 'acc_2', 'd'],
        ['rival', 'acc_1', 'e'],
      ]) {
        await s.create(session(t!, acc!, sid!));
      }
      expect(await s.endAccount('acme', 'acc_1')).toBe(2);
      expect(await s.endAccount('acme', 'acc_1')).toBe(0);
      expect((await s.list('acme')).map((x) => x.sid)).toEqual(['c', 'd']);
      expect((await s.list('rival')).map((x) => x.sid)).toEqual(['e']);
    });

    it('lists live sessions of a tenant or of an account, leaving out expired ones', async () => {
      await s.create(session('acme', 'acc_1', 'a'));
      await s.create(session('acme', 'acc_2', 'b'));
      await s.create(session('acme', 'acc_2', 'old', { expiresAt: NOW - 1 }));
      expect((await s.list('acme')).map((x) => x.sid)).toEqual(['a', 'b']);
      expect((await s.list('acme', 'acc_2')).map((x) => x.sid)).toEqual(['b']);
      expect(await s.list('nobody')).toEqual([]);
    });

    it(`ends every session of a tenant over several pages of ${TENANT_PAGE_SIZE}, and keeps used token ids`, async () => {
      const many = Array.from({ length: TENANT_PAGE_SIZE * 2 + 5 }, (_, i) => session('big', `acc_${i % 7}`, `sid-${i}`));
      await Promise.all(many.map((x) => s.create(x)));
      await s.create(session('rival', 'acc_1', 'keep'));
      expect(await s.useTokenId('big', 'jti-1', NOW + 300, `w1`)).toBe(true);

      expect(await s.endTenant('big')).toBe(many.length);
      expect(await s.list('big')).toEqual([]);
      expect(await s.endTenant('big')).toBe(0);
      expect((await s.list('rival')).map((x) => x.sid)).toEqual(['keep']);
      expect(await count()).toBe(2); // the rival's session and the used token id
      expect(await s.useTokenId('big', 'jti-1', NOW + 300, `w2`)).toBe(false);
    });

    it("sets the group names on every session of one account and nobody else's; a repeat or an older version changes nothing; [] clears them", async () => {
      for (const [t, acc, sid] of [
        ['acme', 'acc_1', 'a'],
        ['acme', 'acc_1', 'b'],
        ['acme', 'acc_10', 'c'],
        ['rival', 'acc_1', 'd'],
      ]) {
        await s.create(session(t!, acc!, sid!));
      }
      expect(await s.setGroupNames('acme', 'acc_1', ['Engineering', 'Sales'], 2)).toBe(2);
      // The SDK's retry of the same write (its answer lost) meets its own version: nothing more.
      expect(await s.setGroupNames('acme', 'acc_1', ['Engineering', 'Sales'], 2)).toBe(0);
      // A slower request that read the account's names before the last change: refused.
      expect(await s.setGroupNames('acme', 'acc_1', ['Admins', 'Engineering', 'Sales'], 1)).toBe(0);
      for (const sid of ['a', 'b'])
        expect((await s.get('acme', 'acc_1', sid, NOW))!).toMatchObject({ groupNames: ['Engineering', 'Sales'], groupsVersion: 2 });
      expect((await s.get('acme', 'acc_10', 'c', NOW))!.groupNames).toBeUndefined();
      expect((await s.get('rival', 'acc_1', 'd', NOW))!.groupNames).toBeUndefined();
      expect(await s.setGroupNames('acme', 'acc_1', [], 3)).toBe(2);
      expect((await s.get('acme', 'acc_1', 'a', NOW))!.groupNames).toBeUndefined();
    });

    it('a session made with a version takes only newer names', async () => {
      await s.create({ ...session('acme', 'acc_1', 'a'), groupNames: ['Admins'], groupsVersion: 5 });
      expect(await s.setGroupNames('acme', 'acc_1', [], 4)).toBe(0);
      expect((await s.get('acme', 'acc_1', 'a', NOW))!.groupNames).toEqual(['Admins']);
      expect(await s.setGroupNames('acme', 'acc_1', [], 6)).toBe(1);
      expect((await s.get('acme', 'acc_1', 'a', NOW))!.groupNames).toBeUndefined();
    });

    it('does not bring back an ended session when setting group names', async () => {
      await s.create(session('acme', 'acc_1', 'a'));
      await s.endAccount('acme', 'acc_1');
      const before = await count();
      expect(await s.setGroupNames('acme', 'acc_1', ['Sales'], 1)).toBe(0);
      expect(await count()).toBe(before);
      expect(await s.get('acme', 'acc_1', 'a', NOW)).toBeUndefined();
    });

    it('records a token id once per tenant; concurrent uses let exactly one through', async () => {
      expect(await s.useTokenId('acme', 'jti-1', NOW + 300, `w3`)).toBe(true);
      expect(await s.useTokenId('acme', 'jti-1', NOW + 300, `w4`)).toBe(false);
      expect(await s.useTokenId('acme', 'jti-1', NOW + 300, `w3`)).toBe(true); // its own write, repeated
      expect(await s.useTokenId('rival', 'jti-1', NOW + 300, `w5`)).toBe(true);
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => s.useTokenId('acme', 'jti-2', NOW + 300, `w6-${i}`)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('forgets a token id released by the write that recorded it, in its tenant only', async () => {
      expect(await s.useTokenId('acme', 'jti-3', NOW + 300, `w7`)).toBe(true);
      expect(await s.useTokenId('rival', 'jti-3', NOW + 300, `w8`)).toBe(true);
      await s.releaseTokenId('acme', 'jti-3', 'w-another-request');
      expect(await s.useTokenId('acme', 'jti-3', NOW + 300, `w9`)).toBe(false);
      await s.releaseTokenId('acme', 'jti-3', `w7`);
      await s.releaseTokenId('acme', 'jti-3', `w7`); // a repeat finds nothing, and says nothing
      expect(await s.useTokenId('acme', 'jti-3', NOW + 300, `w9`)).toBe(true);
      expect(await s.useTokenId('rival', 'jti-3', NOW + 300, `w10`)).toBe(false);
    });
  });
}

async function dynamoBackend(endpoint: string, stop: () => Promise<void>): Promise<Backend> {
  const suite = await openSuiteTables(endpoint);
  const opened: TestDynamo[] = [];
  return {
    async fresh() {
      const tables = await suite.fresh();
      opened.push(tables);
      return { sessions: tables.sessions, count: async () => (await scanAll(tables.doc, tables.names.sessions)).length };
    },
    async close() {
      await Promise.all(opened.map((t) => t.close()));
      await suite.close();
      await stop();
    },
  };
}

sessionContract('memory session store', async () => ({
  async fresh() {
    const sessions = new MemorySessionStore();
    return { sessions, count: async () => (await sessions.list('rival')).length + sessions.tokenIdCount() };
  },
  async close() {},
}));

for (const emulator of EMULATORS) {
  describe.skipIf(emulator.skipReason !== undefined)(
    `DynamoDB session store on ${emulator.label}: group names race an ending session`,
    () => {
      it('leaves a session that ends between the query and the update ended (no bare item appears)', async () => {
        const server = await emulator.start();
        const tables = await openTestTables(server.endpoint);
        try {
          // Each update is preceded by the delete of its item: the session ends in between.
          const racing = new Proxy(tables.doc, {
            get(target, key) {
              if (key !== 'send') return Reflect.get(target, key);
              return async (command: { constructor: { name: string }; input: { Key?: unknown } }) => {
                if (command.constructor.name === 'UpdateCommand')
                  await target.send(
                    new DeleteCommand({ TableName: tables.names.sessions, Key: command.input.Key as Record<string, string> }),
                  );
                return target.send(command as never);
              };
            },
          });
          const store = new DynamoSessionStore(racing, tables.names.sessions);
          await store.create(session('acme', 'acc_1', 'a'));
          expect(await store.setGroupNames('acme', 'acc_1', ['Sales'], 1)).toBe(0);
          expect(await scanAll(tables.doc, tables.names.sessions)).toEqual([]);
        } finally {
          await tables.close();
          await server.close();
        }
      });
    },
  );
  sessionContract(
    `DynamoDB session store on ${emulator.label}`,
    async () => {
      const server = await emulator.start();
      return dynamoBackend(server.endpoint, () => server.close());
    },
    emulator.skipReason,
  );
}
