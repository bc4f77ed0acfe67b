/** `events` and `tenant health`: what happened at sign-in, read from the events table. */
import type { Command } from 'commander';
import type { AuthEvent } from '../core/events.js';
import { DEFAULTS } from '../names.js';
import { usage, type CliContext } from './context.js';
import { formatHealth, HEALTH_MAX_EVENTS, healthOf, HOUR_MS, WEEK_MS } from './health.js';
import { emit, table } from './output.js';
import type { Runner } from './commands.js';
import { requireTenant } from './tenant-read.js';
import { parseEmail, parseSubdomain } from './validate.js';

/** Events are kept the default retention (TTL), so "all of them" starts there. */
const RETENTION_MS = DEFAULTS.eventRetentionDays.value * 24 * HOUR_MS;
const DEFAULT_EVENT_LIMIT = 50;
const MAX_EVENT_LIMIT = 1000;

/** `24h`, `7d` (any whole number of hours or days) or an ISO 8601 time. */
function parseSince(value: string, now: Date): Date {
  const relative = /^(\d{1,4})([hd])$/.exec(value.trim());
  if (relative) return new Date(now.getTime() - Number(relative[1]) * (relative[2] === 'h' ? HOUR_MS : 24 * HOUR_MS));
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim()) && !Number.isNaN(Date.parse(value)))
    return new Date(value);
  throw usage(`--since "${value}" is not valid: use 24h, 7d (hours or days back) or an ISO time such as 2030-01-31T09:00:00Z`);
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > MAX_EVENT_LIMIT)
    throw usage(`--limit must be a whole number from 1 to ${MAX_EVENT_LIMIT}, got "${value}"`);
  return n;
}

/** What `--json` prints per event: exactly the documented fields (`group` only on SCIM's `group_changed`). */
const publicEvent = (e: AuthEvent) => ({
  time: e.time,
  tenant: e.tenant,
  type: e.type,
  email: e.email ?? null,
  typedEmail: e.typedEmail ?? null,
  ...(e.group !== undefined ? { group: e.group } : {}),
  errorCode: e.errorCode ?? null,
  correlationId: e.correlationId ?? null,
});

interface EventsInput {
  tenant: string;
  since?: string;
  email?: string;
  limit: number;
}

async function eventsList(ctx: CliContext, input: EventsInput): Promise<void> {
  const now = ctx.now();
  const since = input.since === undefined ? new Date(now.getTime() - RETENTION_MS) : parseSince(input.since, now);
  await requireTenant(ctx, input.tenant);
  const events = await ctx.events.list(input.tenant, { since, email: input.email, limit: input.limit });
  emit(ctx, events.map(publicEvent), () =>
    events.length === 0
      ? `No events for tenant ${input.tenant}${input.email ? ` and ${input.email}` : ''} since ${since.toISOString()}.\n`
      : table(
          ['TIME', 'TYPE', 'EMAIL', 'TYPED AT LOGIN', 'ERROR', 'CORRELATION ID'],
          events.map((e) => [
            e.time,
            e.type,
            e.email ?? (e.group !== undefined ? `group ${e.group}` : '-'),
            e.typedEmail ?? '-',
            e.errorCode ?? '-',
            e.correlationId ?? '-',
          ]),
        ),
  );
}

/** Two bounded reads: the week (at most the cap), and if it held no sign-in and was read whole, an older one. */
async function tenantHealth(ctx: CliContext, subdomain: string): Promise<void> {
  const now = ctx.now();
  const tenant = await requireTenant(ctx, subdomain);
  const week = await ctx.events.list(subdomain, { since: new Date(now.getTime() - WEEK_MS), limit: HEALTH_MAX_EVENTS });
  const capped = week.length >= HEALTH_MAX_EVENTS;
  const lastSignIn =
    week.find((e) => e.type === 'sign_in') ??
    (capped
      ? undefined
      : (
          await ctx.events.list(subdomain, {
            since: new Date(now.getTime() - RETENTION_MS),
            type: 'sign_in',
            limit: 1,
            maxRead: HEALTH_MAX_EVENTS,
          })
        )[0]);
  const health = healthOf(tenant, week, lastSignIn, now);
  emit(ctx, health, () => formatHealth(health, tenant.name, now));
}

type Opts = Record<string, string | undefined>;

export function addInsightCommands(program: Command, tenant: Command, run: Runner): void {
  tenant
    .command('health <s>')
    .description('is sign-in working? last success, sign-ins and failures by cause over 24 h and 7 days, last failure')
    .action(async (s: string, _o: Opts, cmd: Command) => {
      const subdomain = parseSubdomain(s);
      await run(cmd, (ctx) => tenantHealth(ctx, subdomain));
    });

  program
    .command('events')
    .description("a tenant's sign-in events, newest first (kept 90 days)")
    .requiredOption('--tenant <s>', 'tenant subdomain')
    .option('--since <when>', '24h, 7d or an ISO time (default: everything kept)')
    .option('--email <e>', "only this person's events (by their email, or the address typed at login when Okta named nobody)")
    .option('--limit <n>', `at most this many (1–${MAX_EVENT_LIMIT})`, String(DEFAULT_EVENT_LIMIT))
    .action(async (o: Opts, cmd: Command) => {
      const input: EventsInput = {
        tenant: parseSubdomain(o.tenant!, '--tenant'),
        since: o.since,
        email: o.email === undefined ? undefined : parseEmail(o.email),
        limit: parseLimit(o.limit!),
      };
      if (input.since !== undefined) parseSince(input.since, new Date()); // a usage error before anything is opened
      await run(cmd, (ctx) => eventsList(ctx, input));
    });
}
