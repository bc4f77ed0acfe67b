/**
 * The ScimSessions port over the session store: a deactivated, deleted or renamed account's
 * sessions end through the same revocation path as `account remove` (one log line, one
 * `session_revoked` event), and group changes reach the group names its live sessions carry,
 * so that `GET /auth/session` stays one read.
 */
import type { Log, SessionStore } from '../ports.js';
import { endAccountSessions, type EventSink } from '../revocation.js';
import type { AccountGroups, ScimRevocationReason, ScimSessions } from './directory.js';

export class RevokingScimSessions implements ScimSessions {
  constructor(
    private readonly sessions: SessionStore,
    private readonly log: Log,
    private readonly events: EventSink,
  ) {}

  endAccount(tenant: string, accountId: string, reason: ScimRevocationReason, email?: string): Promise<number> {
    return endAccountSessions(this.sessions, this.log, { tenant, accountId, reason, email }, this.events);
  }

  async setGroupNames(tenant: string, accountId: string, groups: Pick<AccountGroups, 'groupNames' | 'version'>): Promise<void> {
    await this.sessions.setGroupNames(tenant, accountId, groups.groupNames, groups.version);
  }
}
