/**
 * `tenant health`, computed from the tenant's events of the last 7 days (one Query) plus,
 * when those hold no successful sign-in, one more filtered Query for the latest one.
 * Pure functions here; the command that reads the events is in insight-commands.ts.
 */
import type { AuthEvent } from '../core/events.js';

export interface WindowCounts {
  signIns: number;
  failures: number;
  /** Failures by error code, most frequent first. */
  failuresByCode: Record<string, number>;
}

export interface Health {
  tenant: string;
  status: string;
  /** One line: is sign-in working? */
  verdict: string;
  lastSignIn: { time: string; email?: string } | null;
  last24h: WindowCounts;
  last7d: WindowCounts;
  lastFailure: { time: string; errorCode?: string; correlationId?: string; email?: string } | null;
}

export const HOUR_MS = 3_600_000;
export const WEEK_MS = 7 * 24 * HOUR_MS;

function counts(events: AuthEvent[]): WindowCounts {
  const byCode = new Map<string, number>();
  let signIns = 0;
  for (const e of events) {
    if (e.type === 'sign_in') signIns++;
    if (e.type === 'sign_in_failed') byCode.set(e.errorCode ?? 'unknown', (byCode.get(e.errorCode ?? 'unknown') ?? 0) + 1);
  }
  const sorted = [...byCode.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { signIns, failures: sorted.reduce((n, [, c]) => n + c, 0), failuresByCode: Object.fromEntries(sorted) };
}

/** `week`: the tenant's events of the last 7 days, newest first; `lastSignIn`: the newest sign_in at all, if any. */
export function healthOf(tenant: { subdomain: string; status: string }, week: AuthEvent[], lastSignIn: AuthEvent | undefined, now: Date): Health {
  const dayAgo = new Date(now.getTime() - 24 * HOUR_MS).toISOString();
  const last24h = counts(week.filter((e) => e.time >= dayAgo));
  const last7d = counts(week);
  const failure = week.find((e) => e.type === 'sign_in_failed');
  return {
    tenant: tenant.subdomain,
    status: tenant.status,
    verdict: verdict(tenant.status, last24h, last7d, lastSignIn, now),
    lastSignIn: lastSignIn ? { time: lastSignIn.time, ...(lastSignIn.email ? { email: lastSignIn.email } : {}) } : null,
    last24h,
    last7d,
    lastFailure: failure ? { time: failure.time, errorCode: failure.errorCode, correlationId: failure.correlationId, email: failure.email } : null,
  };
}

function verdict(status: string, day: WindowCounts, week: WindowCounts, lastSignIn: AuthEvent | undefined, now: Date): string {
  if (status === 'pending') return 'Not set up yet: the setup link has not been used.';
  if (status !== 'active') return `Sign-in is switched off (tenant ${status}).`;
  const topCause = Object.keys(week.failuresByCode)[0];
  if (day.signIns > 0) return `Working: ${day.signIns} sign-in${day.signIns > 1 ? 's' : ''} in the last 24 hours.`;
  if (week.signIns === 0 && week.failures > 0) return `Failing: no successful sign-in in 7 days, ${week.failures} failure${week.failures > 1 ? 's' : ''} (mostly ${topCause}).`;
  if (week.signIns > 0) return `Working, but quiet: last successful sign-in ${ago(lastSignIn!.time, now)}.`;
  return lastSignIn ? `No sign-in attempts in 7 days; last successful sign-in ${ago(lastSignIn.time, now)}.` : 'No sign-in attempts yet.';
}

export function ago(time: string, now: Date): string {
  const hours = Math.floor((now.getTime() - Date.parse(time)) / HOUR_MS);
  if (hours < 1) return 'less than an hour ago';
  if (hours < 48) return `${hours} hour${hours > 1 ? 's' : ''} ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

export function formatHealth(h: Health, name: string, now: Date): string {
  const row = (label: string, a: number | string, b: number | string) => `  ${label.padEnd(26)}${String(a).padStart(8)}${String(b).padStart(14)}`;
  const codes = [...new Set([...Object.keys(h.last7d.failuresByCode)])];
  const lines = [
    `Tenant ${h.tenant} (${name}), ${h.status}`,
    `  ${h.verdict}`,
    '',
    `  Last successful sign-in   ${h.lastSignIn ? `${h.lastSignIn.time}  ${h.lastSignIn.email ?? ''}  (${ago(h.lastSignIn.time, now)})`.replace(/  +\(/, '  (') : 'none'}`,
    '',
    row('', 'last 24 h', 'last 7 days'),
    row('sign-ins', h.last24h.signIns, h.last7d.signIns),
    row('failures', h.last24h.failures, h.last7d.failures),
    ...codes.map((c) => row(`  ${c}`, h.last24h.failuresByCode[c] ?? 0, h.last7d.failuresByCode[c] ?? 0)),
    '',
    h.lastFailure
      ? `  Last failure              ${h.lastFailure.time}  ${h.lastFailure.errorCode ?? '?'}  ${h.lastFailure.email ?? '(email unknown)'}  correlation id ${h.lastFailure.correlationId ?? '-'}`
      : '  Last failure              none in 7 days',
  ];
  return lines.join('\n') + '\n';
}
