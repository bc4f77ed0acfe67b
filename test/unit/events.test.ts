/** The event recorder never fails a request: writes run in the background, flush waits a bounded time. */
import { describe, expect, it } from 'vitest';
import { EventRecorder, FLUSH_BUDGET_MS, type AuthEvent } from '../../lambdas/core/events.js';
import type { EventStore, Log } from '../../lambdas/core/ports.js';
import { MemoryEventStore } from '../../lambdas/adapters/memory-events.js';

const NOW = new Date('2030-01-01T00:00:00.000Z');
const clock = { now: () => NOW };

function lines() {
  const out: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const log: Log = {
    info: (message, fields) => out.push({ level: 'info', message, fields }),
    warn: (message, fields) => out.push({ level: 'warn', message, fields }),
    error: (message, fields) => out.push({ level: 'error', message, fields }),
  };
  return { out, log };
}

describe('EventRecorder', () => {
  it('stamps time, a unique id and the request’s correlation id, and writes by flush', async () => {
    const store = new MemoryEventStore();
    const { log } = lines();
    const recorder = new EventRecorder(store, clock, log, () => 'corr-1');

    recorder.record({ tenant: 'acme', type: 'sign_in', email: 'bob@acme.com' });
    recorder.record({ tenant: 'acme', type: 'sign_in_failed', errorCode: 'no_account' });
    await recorder.flush();

    const events = store.all();
    expect(events.map(({ id: _id, ...rest }) => rest)).toEqual([
      { time: NOW.toISOString(), tenant: 'acme', type: 'sign_in', email: 'bob@acme.com', correlationId: 'corr-1' },
      { time: NOW.toISOString(), tenant: 'acme', type: 'sign_in_failed', errorCode: 'no_account', correlationId: 'corr-1' },
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(2);
  });

  it('logs a failed write by type and tenant, and neither record nor flush throws', async () => {
    const failing: EventStore = {
      put: async () => Promise.reject(Object.assign(new Error('table gone'), { name: 'ResourceNotFoundException' })),
      list: async () => [],
    };
    const { out, log } = lines();
    const recorder = new EventRecorder(failing, clock, log);

    expect(() => recorder.record({ tenant: 'acme', type: 'sign_out' })).not.toThrow();
    await expect(recorder.flush()).resolves.toBeUndefined();

    expect(out).toEqual([
      { level: 'warn', message: 'event not recorded', fields: { type: 'sign_out', tenant: 'acme', cause: 'ResourceNotFoundException' } },
    ]);
  });

  it(`stops waiting for a hanging write after ${FLUSH_BUDGET_MS} ms and says so`, async () => {
    const hanging: EventStore = { put: () => new Promise<void>(() => undefined), list: async () => [] as AuthEvent[] };
    const { out, log } = lines();
    const recorder = new EventRecorder(hanging, clock, log);

    recorder.record({ tenant: 'acme', type: 'sign_in' });
    const started = Date.now();
    await recorder.flush();

    expect(Date.now() - started).toBeGreaterThanOrEqual(FLUSH_BUDGET_MS - 20);
    expect(Date.now() - started).toBeLessThan(FLUSH_BUDGET_MS + 1000);
    expect(out).toEqual([{ level: 'warn', message: 'event writes still pending at the end of the request', fields: { pending: 1 } }]);
  });

  it('returns at once when nothing was recorded', async () => {
    const recorder = new EventRecorder(new MemoryEventStore(), clock, lines().log);
    const started = Date.now();
    await recorder.flush();
    expect(Date.now() - started).toBeLessThan(50);
  });
});
