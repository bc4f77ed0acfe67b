/**
 * Ending sessions on purpose, by account or by tenant, each with one structured log line
 * (tenant, account, reason, count). Used by Universal Logout and the support CLI.
 */
import type { Log, SessionStore } from './ports.js';

/** Why sessions ended: the words that appear in the `reason` field of the log line. */
export type RevocationReason = 'logout' | 'universal_logout' | 'session_revoke' | 'account_removed' | 'tenant_disabled' | 'tenant_removed';

export async function endAccountSessions(
  sessions: SessionStore,
  log: Log,
  target: { tenant: string; accountId: string; reason: RevocationReason },
): Promise<number> {
  const count = await sessions.endAccount(target.tenant, target.accountId);
  log.info('sessions ended', { event: 'sessions_ended', tenant: target.tenant, account: target.accountId, reason: target.reason, count });
  return count;
}

export async function endTenantSessions(sessions: SessionStore, log: Log, target: { tenant: string; reason: RevocationReason }): Promise<number> {
  const count = await sessions.endTenant(target.tenant);
  log.info('sessions ended', { event: 'sessions_ended', tenant: target.tenant, account: '*', reason: target.reason, count });
  return count;
}
