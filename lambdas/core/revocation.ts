/**
 * Ending sessions on purpose, by account or by tenant, each with one structured log line
 * (tenant, account, reason, count) and, given a sink, one event for support (`universal_logout`
 * or `session_revoked`). Used by Universal Logout, the support CLI and SCIM.
 */
import type { EventInput } from './events.js';
import type { Log, SessionStore } from './ports.js';
import type { ScimRevocationReason } from './scim/directory.js';

/** Where a revocation's event goes: the Lambdas' recorder, or the CLI's writer (awaited). */
export interface EventSink {
  record(input: EventInput): unknown;
}

const eventType = (reason: RevocationReason) => (reason === 'universal_logout' ? 'universal_logout' : 'session_revoked');

/** Why sessions ended: the words that appear in the `reason` field of the log line. */
export type RevocationReason =
  | 'logout'
  | 'universal_logout'
  | 'session_revoke'
  | 'account_removed'
  | 'account_deactivated'
  | 'tenant_disabled'
  | 'tenant_removed'
  | ScimRevocationReason;

export async function endAccountSessions(
  sessions: SessionStore,
  log: Log,
  target: { tenant: string; accountId: string; reason: RevocationReason; email?: string },
  events?: EventSink,
): Promise<number> {
  const count = await sessions.endAccount(target.tenant, target.accountId);
  log.info('sessions ended', { event: 'sessions_ended', tenant: target.tenant, account: target.accountId, reason: target.reason, count });
  await events?.record({ tenant: target.tenant, type: eventType(target.reason), email: target.email });
  return count;
}

export async function endTenantSessions(
  sessions: SessionStore,
  log: Log,
  target: { tenant: string; reason: RevocationReason },
  events?: EventSink,
): Promise<number> {
  const count = await sessions.endTenant(target.tenant);
  log.info('sessions ended', { event: 'sessions_ended', tenant: target.tenant, account: '*', reason: target.reason, count });
  await events?.record({ tenant: target.tenant, type: eventType(target.reason) });
  return count;
}
