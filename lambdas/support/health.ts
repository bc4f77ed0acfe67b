/**
 * `tenant health`, computed from the tenant's events of the last 7 days (one Query) plus,
 * when those hold no successful sign-in, one more filtered Query for the latest one. Both
 * read at most `HEALTH_MAX_EVENTS` events: anyone can make failures (a login with a made-up
 * address), so a flood must not make the command read without end. When the week holds more,
 * the counts are of the newest events read and say "at least".
 * Pure functions here; the command that reads the events is in insight-commands.ts.
 */
import type { AuthEvent } from '../core/events.js';

interface WindowCounts {
  signIns: number;
  failures: number;
  /** Failures by error code, most frequent first. */
  failuresByCode: Record<string, number>;
  /** False when the read stopped at the cap inside this window: every figure is then "at least". */
  exact: boolean;
}

export interface Health {
  tenant: string;
  status: string;
  /** One line: is sign-in working? */
  verdict: string;
  lastSignIn: { time: string; email?: string } | null;
  last24h: WindowCounts;
  last7d: WindowCounts;
  lastFailure: { time: string; errorCode?: string; correlationId?: string; email?: string; typedEmail?: string } | null;
  /** Events read for the figures; at `HEALTH_MAX_EVENTS` the read stopped there. */
  eventsRead: number;
}

/** The most events one `tenant health` reads per query (a few MB): far above any real tenant's week. */
export const HEALTH_MAX_EVENTS = 10_000;

export const HOUR_MS = 3_600_000;
export const WEEK_MS = 7 * 24 * HOUR_MS;

function counts(events: AuthEvent[], exact: boolean): WindowCounts {
  const byCode = new Map<string, number>();
  let signIns = 0;
  for (const e of events) {
    if (e.type === 'sign_in') signIns++;
    if (e.type === 'sign_in_failed') byCode.set(e.errorCode ?? 'unknown', (byCode.get(e.errorCode ?? 'unknown') ?? 0) + 1);
  }
  const sorted = [...byCode.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { signIns, failures: sorted.reduce((n, [, c]) => n + c, 0), failuresByCode: Object.fromEntries(sorted), exact };
}

/**
 * `week`: the tenant's events of the last 7 days, newest first, as read (at most `cap`: a
 * read that reached the cap may have stopped inside a window); `lastSignIn`: the newest
 * sign_in found at all, if any.
 */
export function healthOf(
  tenant: { subdomain: string; status: string },
  week: AuthEvent[],
  lastSignIn: AuthEvent | undefined,
  now: Date,
  cap = HEALTH_MAX_EVENTS,
): Health {
  const dayAgo = new Date(now.getTime() - 24 * HOUR_MS).toISOString();
  const capped = week.length >= cap;
  // Newest first: a capped read still covers the last 24 hours whole if it reached past them.
  const dayWhole = !capped || week[week.length - 1]!.time < dayAgo;
  const last24h = counts(
    week.filter((e) => e.time >= dayAgo),
    dayWhole,
  );
  const last7d = counts(week, !capped);
  const failure = week.find((e) => e.type === 'sign_in_failed');
  return {
    tenant: tenant.subdomain,
    status: tenant.status,
    verdict: verdict(tenant.status, last24h, last7d, lastSignIn, now),
    lastSignIn: lastSignIn ? { time: lastSignIn.time, ...(lastSignIn.email ? { email: lastSignIn.email } : {}) } : null,
    last24h,
    last7d,
    lastFailure: failure
      ? {
          time: failure.time,
          errorCode: failure.errorCode,
          correlationId: failure.correlationId,
          email: failure.email,
          typedEmail: failure.typedEmail,
        }
      : null,
    eventsRead: week.length,
  };
}

/** A figure, with "at least" when the read stopped inside its window. */
const figure = (n: number, exact: boolean): string => (exact ? String(n) : `at least ${n}`);

function verdict(status: string, day: WindowCounts, week: WindowCounts, lastSignIn: AuthEvent | undefined, now: Date): string {
  if (status === 'pending') return 'Not set up yet: the setup link has not been used.';
  if (status !== 'active') return `Sign-in is switched off (tenant ${status}).`;
  const topCause = Object.keys(week.failuresByCode)[0];
  if (day.signIns > 0) return `Working: ${figure(day.signIns, day.exact)} sign-in${day.signIns > 1 ? 's' : ''} in the last 24 hours.`;
  if (week.signIns === 0 && week.failures > 0) {
    const span = week.exact ? 'in 7 days' : `among the newest ${HEALTH_MAX_EVENTS} events of 7 days`;
    return `Failing: no successful sign-in ${span}, ${figure(week.failures, week.exact)} failure${week.failures > 1 ? 's' : ''} (mostly ${topCause}).`;
  }
  if (week.signIns > 0) return `Working, but quiet: last successful sign-in ${ago(lastSignIn!.time, now)}.`;
  return lastSignIn ? `No sign-in attempts in 7 days; last successful sign-in ${ago(lastSignIn.time, now)}.` : 'No sign-in attempts yet.';
}

function ago(time: string, now: Date): string {
  const hours = Math.floor((now.getTime() - Date.parse(time)) / HOUR_MS);
  if (hours < 1) return 'less than an hour ago';
  if (hours < 48) return `${hours} hour${hours > 1 ? 's' : ''} ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

const cell = (n: number, window: WindowCounts): string => (window.exact ? String(n) : `${n}+`);

/** Who failed: Okta's (or the account's) address, else the one only typed at login, said so. */
const person = (f: NonNullable<Health['lastFailure']>): string => f.email ?? (f.typedEmail ? `typed ${f.typedEmail}` : '(email unknown)');

export function formatHealth(h: Health, name: string, now: Date): string {
  const row = (label: string, a: number | string, b: number | string) =>
    `  ${label.padEnd(26)}${String(a).padStart(8)}${String(b).padStart(14)}`;
  const codes = [...new Set([...Object.keys(h.last7d.failuresByCode)])];
  const lines = [
    `Tenant ${h.tenant} (${name}), ${h.status}`,
    `  ${h.verdict}`,
    '',
    `  Last successful sign-in   ${h.lastSignIn ? `${h.lastSignIn.time}  ${h.lastSignIn.email ?? ''}  (${ago(h.lastSignIn.time, now)})`.replace(/  +\(/, '  (') : h.last7d.exact ? 'none' : `none among the newest ${HEALTH_MAX_EVENTS} events`}`,
    '',
    row('', 'last 24 h', 'last 7 days'),
    row('sign-ins', cell(h.last24h.signIns, h.last24h), cell(h.last7d.signIns, h.last7d)),
    row('failures', cell(h.last24h.failures, h.last24h), cell(h.last7d.failures, h.last7d)),
    ...codes.map((c) => row(`  ${c}`, cell(h.last24h.failuresByCode[c] ?? 0, h.last24h), cell(h.last7d.failuresByCode[c] ?? 0, h.last7d))),
    ...(h.last7d.exact
      ? []
      : [
          `  More than ${HEALTH_MAX_EVENTS} events in 7 days: only the newest ${HEALTH_MAX_EVENTS} were read, so a figure with + means at least that many.`,
        ]),
    '',
    h.lastFailure
      ? `  Last failure              ${h.lastFailure.time}  ${h.lastFailure.errorCode ?? '?'}  ${person(h.lastFailure)}  correlation id ${h.lastFailure.correlationId ?? '-'}`
      : '  Last failure              none in 7 days',
  ];
  return lines.join('\n') + '\n';
}
