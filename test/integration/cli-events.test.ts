/**
 * `events` and `tenant health`: in-process over the memory stores with a fixed clock (every
 * figure checkable), and once as the real binary against dynalite, where the handlers'
 * events table is read through DYNAMODB_ENDPOINT / EVENTS_TABLE.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuthEvent } from '../../lambdas/core/events.js';
import type { EventQuery } from '../../lambdas/core/ports.js';
import { HEALTH_MAX_EVENTS } from '../../lambdas/support/health.js';
import { MemoryDirectoryStore } from '../../lambdas/adapters/memory-directory.js';
import { MemoryEventStore } from '../../lambdas/adapters/memory-events.js';
import { startEmbeddedDynamo } from '../../lambdas/dev/embedded-dynamodb.js';
import { endpointEnv, inProcessCli, runCliInProcess } from '../fixtures/cli.js';
import { openTestTables, type TestDynamo } from '../fixtures/dynamodb.js';

const NOW = new Date('2030-05-10T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();
let serial = 0;
const ev = (h: number, type: AuthEvent['type'], over: Partial<AuthEvent> = {}): AuthEvent => ({
  id: `id${++serial}`,
  time: hoursAgo(h),
  tenant: 'acme',
  type,
  correlationId: `corr-${serial}`,
  ...over,
});

let directory: MemoryDirectoryStore;
let events: MemoryEventStore;
let cli: ReturnType<typeof inProcessCli>;

beforeEach(async () => {
  serial = 0;
  directory = new MemoryDirectoryStore();
  events = new MemoryEventStore();
  cli = inProcessCli(directory, { now: () => NOW }, events);
  await directory.createTenant(
    { subdomain: 'acme', name: 'Acme Inc', issuer: 'https://acme.okta.com', clientId: '0oaacme0000000000001', domains: [] },
    NOW,
  );
});

const put = async (...list: AuthEvent[]) => {
  for (const e of list) await events.put(e);
};

describe('events', () => {
  it('prints the tenant’s events newest first, with cause and correlation id', async () => {
    await put(
      ev(30, 'sign_in', { email: 'bob@acme.com' }),
      ev(2, 'sign_in_failed', { email: 'bob@acme.com', errorCode: 'access_denied' }),
      ev(1, 'sign_out'),
    );
    await put(ev(1, 'sign_in', { tenant: 'rival', email: 'eve@rival.com' }));

    const r = await cli(['events', '--tenant', 'acme']);

    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+TYPE\s+EMAIL\s+TYPED AT LOGIN\s+ERROR\s+CORRELATION ID$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(1))).toEqual([
      ['sign_out', '-', '-', '-', 'corr-3'],
      ['sign_in_failed', 'bob@acme.com', '-', 'access_denied', 'corr-2'],
      ['sign_in', 'bob@acme.com', '-', '-', 'corr-1'],
    ]);
  });

  it('filters by email (canonicalised) and --since, limits, and prints the documented JSON fields', async () => {
    await put(ev(50, 'sign_in', { email: 'bob@acme.com' }), ev(3, 'sign_in_failed', { email: 'bob@acme.com', errorCode: 'no_account' }));
    await put(ev(2, 'sign_in', { email: 'ann@acme.com' }), ev(1, 'sign_in', { email: 'bob@acme.com' }));

    const r = await cli(['events', '--tenant', 'acme', '--email', ' Bob@ACME.com', '--since', '24h', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual([
      {
        time: hoursAgo(1),
        tenant: 'acme',
        type: 'sign_in',
        email: 'bob@acme.com',
        typedEmail: null,
        errorCode: null,
        correlationId: 'corr-4',
      },
      {
        time: hoursAgo(3),
        tenant: 'acme',
        type: 'sign_in_failed',
        email: 'bob@acme.com',
        typedEmail: null,
        errorCode: 'no_account',
        correlationId: 'corr-2',
      },
    ]);

    const limited = await cli(['events', '--tenant', 'acme', '--limit', '1', '--since', hoursAgo(60), '--json']);
    expect(limited.json<{ time: string }[]>().map((e) => e.time)).toEqual([hoursAgo(1)]);
    expect((await cli(['events', '--tenant', 'acme', '--since', '2d', '--json'])).json()).toHaveLength(3);
  });

  it('shows an address only typed at login as typedEmail, never as email; --email finds it when Okta named nobody', async () => {
    await put(ev(3, 'sign_in_failed', { typedEmail: 'ceo@acme.com', errorCode: 'idp_redirect_error' }));
    await put(ev(2, 'sign_in_failed', { email: 'eve@acme.com', typedEmail: 'ceo@acme.com', errorCode: 'no_account' }));

    const r = await cli(['events', '--tenant', 'acme', '--email', 'ceo@acme.com', '--json']);
    expect(r.json()).toEqual([
      {
        time: hoursAgo(3),
        tenant: 'acme',
        type: 'sign_in_failed',
        email: null,
        typedEmail: 'ceo@acme.com',
        errorCode: 'idp_redirect_error',
        correlationId: 'corr-1',
      },
    ]);
    const table = (await cli(['events', '--tenant', 'acme'])).stdout.trim().split('\n');
    expect(table.slice(1).map((l) => l.split(/\s+/).slice(1))).toEqual([
      ['sign_in_failed', 'eve@acme.com', 'ceo@acme.com', 'no_account', 'corr-2'],
      ['sign_in_failed', '-', 'ceo@acme.com', 'idp_redirect_error', 'corr-1'],
    ]);
  });

  it('says so when there is nothing, and refuses bad options and unknown tenants with one line', async () => {
    expect((await cli(['events', '--tenant', 'acme'])).stdout).toMatch(/^No events for tenant acme since /);
    for (const [args, reason] of [
      [['--since', 'yesterday'], /--since "yesterday" is not valid/],
      [['--limit', '0'], /--limit must be a whole number from 1 to 1000/],
      [['--limit', '5000'], /--limit/],
      [['--email', 'not-an-email'], /--email/],
    ] as const) {
      const r = await cli(['events', '--tenant', 'acme', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderrLines).toEqual([expect.stringMatching(reason)]);
    }
    const ghost = await cli(['events', '--tenant', 'ghost']);
    expect([ghost.code, ghost.stderrLines]).toEqual([1, ['error: tenant "ghost" does not exist']]);
  });
});

describe('tenant health', () => {
  it('counts sign-ins and failures by cause over 24 h and 7 days, with the last success and the last failure', async () => {
    await put(ev(200, 'sign_in_failed', { errorCode: 'idp_error' })); // older than 7 days: not counted
    await put(ev(100, 'sign_in', { email: 'ann@acme.com' }), ev(90, 'sign_in_failed', { errorCode: 'no_account', email: 'x@acme.com' }));
    await put(ev(30, 'sign_in_failed', { errorCode: 'access_denied', email: 'bob@acme.com' }), ev(5, 'sign_in', { email: 'bob@acme.com' }));
    await put(ev(4, 'sign_in_failed', { errorCode: 'access_denied', email: 'cy@acme.com' }), ev(3, 'sign_out'));
    await put(ev(2, 'sign_in_failed', { errorCode: 'login_expired', email: 'bob@acme.com', correlationId: 'the-last-one' }));

    const r = await cli(['tenant', 'health', 'acme', '--json']);

    expect(r.code).toBe(0);
    expect(r.json()).toEqual({
      tenant: 'acme',
      status: 'active',
      verdict: 'Working: 1 sign-in in the last 24 hours.',
      lastSignIn: { time: hoursAgo(5), email: 'bob@acme.com' },
      last24h: { signIns: 1, failures: 2, failuresByCode: { access_denied: 1, login_expired: 1 }, exact: true },
      last7d: { signIns: 2, failures: 4, failuresByCode: { access_denied: 2, login_expired: 1, no_account: 1 }, exact: true },
      lastFailure: { time: hoursAgo(2), errorCode: 'login_expired', correlationId: 'the-last-one', email: 'bob@acme.com' },
      eventsRead: 7,
    });
    const text = (await cli(['tenant', 'health', 'acme'])).stdout;
    expect(text).toMatch(/^Tenant acme \(Acme Inc\), active\n {2}Working: 1 sign-in in the last 24 hours\./);
    expect(text).toMatch(/Last successful sign-in\s+2030-05-10T07:00:00.000Z {2}bob@acme.com {2}\(5 hours ago\)/);
    expect(text).toMatch(/ {4}access_denied\s+1\s+2\n/);
    expect(text).toMatch(/Last failure\s+2030-05-10T10:00:00.000Z {2}login_expired {2}bob@acme.com {2}correlation id the-last-one/);
  });

  it('says sign-in is failing when nothing succeeded in 7 days, and finds an older success', async () => {
    await put(ev(24 * 20, 'sign_in', { email: 'ann@acme.com' }));
    await put(
      ev(30, 'sign_in_failed', { errorCode: 'access_denied' }),
      ev(20, 'sign_in_failed', { errorCode: 'access_denied' }),
      ev(10, 'sign_in_failed', { errorCode: 'idp_unavailable' }),
    );

    const health = (await cli(['tenant', 'health', 'acme', '--json'])).json<{ verdict: string; lastSignIn: unknown }>();

    expect(health.verdict).toBe('Failing: no successful sign-in in 7 days, 3 failures (mostly access_denied).');
    expect(health.lastSignIn).toEqual({ time: hoursAgo(24 * 20), email: 'ann@acme.com' });
  });

  it('names an address only typed at login as such in the last failure', async () => {
    await put(ev(2, 'sign_in_failed', { errorCode: 'idp_redirect_error', typedEmail: 'ceo@acme.com' }));
    expect((await cli(['tenant', 'health', 'acme', '--json'])).json()).toMatchObject({
      lastFailure: { errorCode: 'idp_redirect_error', typedEmail: 'ceo@acme.com' },
    });
    expect((await cli(['tenant', 'health', 'acme'])).stdout).toMatch(
      /Last failure\s+\S+ {2}idp_redirect_error {2}typed ceo@acme.com {2}correlation id corr-1/,
    );
  });

  it('reads a bounded number of events from a flooded week, and says the figures are "at least"', async () => {
    await put(ev(24 * 3, 'sign_in', { email: 'ann@acme.com' }));
    const flood = Array.from({ length: HEALTH_MAX_EVENTS + 50 }, (_, i) =>
      ev(1 + (i % 30) / 60, 'sign_in_failed', { errorCode: 'idp_redirect_error', typedEmail: 'x@acme.com' }),
    );
    await put(...flood);
    const reads: EventQuery[] = [];
    const list = events.list.bind(events);
    events.list = async (tenant, query) => {
      reads.push(query);
      return list(tenant, query);
    };

    const health = (await cli(['tenant', 'health', 'acme', '--json'])).json<Record<string, any>>();

    // Every read is bounded: what it may read is its maxRead, or (without a type filter) its limit.
    expect(reads.length).toBeGreaterThan(0);
    for (const q of reads)
      expect(Math.min(q.maxRead ?? Infinity, q.type ? Infinity : (q.limit ?? Infinity))).toBeLessThanOrEqual(HEALTH_MAX_EVENTS);
    expect(health).toMatchObject({
      eventsRead: HEALTH_MAX_EVENTS,
      last24h: { failures: HEALTH_MAX_EVENTS, exact: false },
      last7d: { signIns: 0, failures: HEALTH_MAX_EVENTS, exact: false },
      lastSignIn: null,
    });
    expect(health.verdict).toBe(
      `Failing: no successful sign-in among the newest ${HEALTH_MAX_EVENTS} events of 7 days, at least ${HEALTH_MAX_EVENTS} failures (mostly idp_redirect_error).`,
    );
    const text = (await cli(['tenant', 'health', 'acme'])).stdout;
    expect(text).toMatch(new RegExp(`failures\\s+${HEALTH_MAX_EVENTS}\\+\\s+${HEALTH_MAX_EVENTS}\\+\\n`));
    expect(text).toContain(`More than ${HEALTH_MAX_EVENTS} events in 7 days: only the newest ${HEALTH_MAX_EVENTS} were read`);
  });

  it('reports a quiet tenant, a disabled one, and an unknown one', async () => {
    expect((await cli(['tenant', 'health', 'acme', '--json'])).json()).toMatchObject({
      verdict: 'No sign-in attempts yet.',
      lastSignIn: null,
      lastFailure: null,
    });
    await directory.updateTenant('acme', 1, { status: 'disabled' }, NOW);
    expect((await cli(['tenant', 'health', 'acme'])).stdout).toContain('Sign-in is switched off (tenant disabled).');
    const ghost = await cli(['tenant', 'health', 'ghost']);
    expect([ghost.code, ghost.stderrLines]).toEqual([1, ['error: tenant "ghost" does not exist']]);
  });
});

describe('revocations by the CLI', () => {
  it('records session_revoked for session revoke, account remove and tenant disable', async () => {
    await directory.addAccount({ tenant: 'acme', email: 'bob@acme.com' }, NOW);
    await directory.addAccount({ tenant: 'acme', email: 'ann@acme.com' }, NOW);

    expect((await cli(['session', 'revoke', '--tenant', 'acme', '--email', 'bob@acme.com'])).code).toBe(0);
    expect((await cli(['account', 'remove', '--tenant', 'acme', '--email', 'ann@acme.com'])).code).toBe(0);
    expect((await cli(['tenant', 'disable', 'acme'])).code).toBe(0);

    const recorded = (await events.list('acme', { since: new Date(0) })).map((e) => [e.type, e.email ?? null, e.time]);
    expect(recorded).toEqual([
      ['session_revoked', null, NOW.toISOString()],
      ['session_revoked', 'ann@acme.com', NOW.toISOString()],
      ['session_revoked', 'bob@acme.com', NOW.toISOString()],
    ]);
  });
});

describe('the CLI finding its tables as the binary does (DYNAMODB_ENDPOINT)', () => {
  let server: { endpoint: string; close(): Promise<void> };
  let db: TestDynamo;
  beforeAll(async () => {
    server = await startEmbeddedDynamo({ port: 0 });
    db = await openTestTables(server.endpoint);
    await db.directory.createTenant(
      { subdomain: 'acme', name: 'Acme', issuer: 'https://acme.okta.com', clientId: '0oaacme0000000000001', domains: [] },
      new Date(),
    );
    const recent = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    await db.events.put({ id: 'a', time: recent(10), tenant: 'acme', type: 'sign_in', email: 'bob@acme.com', correlationId: 'c1' });
    await db.events.put({
      id: 'b',
      time: recent(5),
      tenant: 'acme',
      type: 'sign_in_failed',
      email: 'bob@acme.com',
      errorCode: 'no_account',
      correlationId: 'c2',
    });
  });
  afterAll(async () => {
    await db?.close();
    await server?.close();
  });

  it('reads events and health from the events table', async () => {
    const list = await runCliInProcess(['events', '--tenant', 'acme', '--email', 'bob@acme.com', '--json'], { env: endpointEnv(db) });
    expect(list.code).toBe(0);
    expect(list.json<{ correlationId: string }[]>().map((e) => e.correlationId)).toEqual(['c2', 'c1']);
    const health = await runCliInProcess(['tenant', 'health', 'acme', '--json'], { env: endpointEnv(db) });
    expect(health.json()).toMatchObject({
      last24h: { signIns: 1, failures: 1, failuresByCode: { no_account: 1 } },
      lastFailure: { correlationId: 'c2' },
    });
  });
});
