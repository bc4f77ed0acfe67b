/** Server-side sessions in memory, for unit tests and tools; same keys and rules as DynamoDB. */
import type { Session } from '../core/model.js';
import { ConflictError, type SessionStore } from '../core/ports.js';
import { sessionKey } from './dynamo-sessions.js';

const id = (s: { tenant: string; accountId: string; sid: string }) => {
  const key = sessionKey(s.tenant, s.accountId, s.sid);
  return `${key.pk}\n${key.sk}`;
};

export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly tokenIds = new Map<string, { expiresAt: number; writeId: string }>();

  /** How many token ids are recorded (what a scan of the table would add to the sessions). */
  tokenIdCount(): number {
    return this.tokenIds.size;
  }

  async create(session: Session): Promise<void> {
    if (this.sessions.has(id(session))) throw new ConflictError('a session with this id already exists');
    this.sessions.set(id(session), structuredClone(session));
  }

  async get(tenant: string, accountId: string, sid: string, nowSeconds: number): Promise<Session | undefined> {
    const session = this.sessions.get(id({ tenant, accountId, sid }));
    return session && session.expiresAt > nowSeconds ? structuredClone(session) : undefined;
  }

  async end(tenant: string, accountId: string, sid: string): Promise<Session | undefined> {
    const key = id({ tenant, accountId, sid });
    const session = this.sessions.get(key);
    this.sessions.delete(key);
    return session;
  }

  async list(tenant: string, accountId?: string): Promise<Session[]> {
    const now = Math.floor(Date.now() / 1000);
    return this.matching(tenant, accountId)
      .filter(([, s]) => s.expiresAt > now)
      .map(([, s]) => structuredClone(s));
  }

  async endAccount(tenant: string, accountId: string): Promise<number> {
    return this.endMatching(tenant, accountId);
  }

  async endTenant(tenant: string): Promise<number> {
    return this.endMatching(tenant);
  }

  async setGroupNames(tenant: string, accountId: string, groupNames: readonly string[], version: number): Promise<number> {
    const found = this.matching(tenant, accountId).filter(([, s]) => s.groupsVersion === undefined || s.groupsVersion < version);
    for (const [, session] of found) {
      if (groupNames.length > 0) session.groupNames = [...groupNames];
      else delete session.groupNames;
      session.groupsVersion = version;
    }
    return found.length;
  }

  async useTokenId(tenant: string, jti: string, expiresAt: number, writeId: string): Promise<boolean> {
    const key = `${tenant}\n${jti}`;
    const known = this.tokenIds.get(key);
    if (known) return known.writeId === writeId;
    this.tokenIds.set(key, { expiresAt, writeId });
    return true;
  }

  async releaseTokenId(tenant: string, jti: string, writeId: string): Promise<void> {
    const key = `${tenant}\n${jti}`;
    if (this.tokenIds.get(key)?.writeId === writeId) this.tokenIds.delete(key);
  }

  /** In key order (account id, then sid), as a DynamoDB Query returns them. */
  private matching(tenant: string, accountId?: string): [string, Session][] {
    return [...this.sessions.entries()]
      .filter(([, s]) => s.tenant === tenant && (accountId === undefined || s.accountId === accountId))
      .sort(([a], [b]) => (a < b ? -1 : 1));
  }

  private endMatching(tenant: string, accountId?: string): number {
    const found = this.matching(tenant, accountId);
    for (const [key] of found) this.sessions.delete(key);
    return found.length;
  }
}
