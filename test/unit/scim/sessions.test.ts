/** The ScimSessions port over the session store: the revocation path of `account remove`, and group names on live sessions. */
import { describe, expect, it } from 'vitest';
import { MemorySessionStore } from '../../../lambdas/adapters/memory-sessions.js';
import type { EventInput } from '../../../lambdas/core/events.js';
import { RevokingScimSessions } from '../../../lambdas/core/scim/sessions.js';

const NOW = Math.floor(Date.now() / 1000);
const session = (accountId: string, sid: string) => ({
  tenant: 'acme',
  accountId,
  email: `${accountId}@acme.example`,
  sid,
  createdAt: new Date().toISOString(),
  expiresAt: NOW + 3600,
});

function world() {
  const store = new MemorySessionStore();
  const lines: { message: string; fields?: Record<string, unknown> }[] = [];
  const events: EventInput[] = [];
  const log = {
    info: (message: string, fields?: Record<string, unknown>) => lines.push({ message, fields }),
    warn: () => undefined,
    error: () => undefined,
  };
  return { store, lines, events, port: new RevokingScimSessions(store, log, { record: (e: EventInput) => events.push(e) }) };
}

describe('RevokingScimSessions', () => {
  it("ends the account's sessions with one log line and one session_revoked event, as account remove does", async () => {
    const w = world();
    await w.store.create(session('acc_1', 'a'));
    await w.store.create(session('acc_1', 'b'));
    await w.store.create(session('acc_2', 'c'));
    expect(await w.port.endAccount('acme', 'acc_1', 'account_deactivated', 'acc_1@acme.example')).toBe(2);
    expect(await w.store.list('acme')).toHaveLength(1);
    expect(w.lines).toEqual([
      {
        message: 'sessions ended',
        fields: { event: 'sessions_ended', tenant: 'acme', account: 'acc_1', reason: 'account_deactivated', count: 2 },
      },
    ]);
    expect(w.events).toEqual([{ tenant: 'acme', type: 'session_revoked', email: 'acc_1@acme.example' }]);
  });

  it('puts the group names on every live session of the account', async () => {
    const w = world();
    await w.store.create(session('acc_1', 'a'));
    await w.store.create(session('acc_2', 'b'));
    await w.port.setGroupNames('acme', 'acc_1', { groupNames: ['Engineering', 'Sales'], version: 1 });
    expect((await w.store.get('acme', 'acc_1', 'a', NOW))!.groupNames).toEqual(['Engineering', 'Sales']);
    expect((await w.store.get('acme', 'acc_2', 'b', NOW))!.groupNames).toBeUndefined();
  });
});
