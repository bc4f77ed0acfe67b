/** `GET /auth/session`: is this cookie's session live, and in which groups? One signature check, one read. */
import type { Deps } from './deps.js';
import { AuthError, ErrorCode } from './errors.js';
import type { Site } from './host.js';
import { verifySessionToken } from './session.js';

/** What `GET /auth/session` answers for a live session. */
export interface LiveSession {
  sub: string;
  email: string;
  tenant: string;
  sid: string;
  exp: number;
  /** The display names of the tenant's SCIM groups the account belongs to, sorted; `[]` when none. */
  groups: string[];
}

const noSession = () => new AuthError(ErrorCode.NO_SESSION, 'There is no live session. Sign in again.');

export type SessionCheckDeps = Pick<Deps, 'config' | 'signer' | 'sessions' | 'clock'>;

export async function checkSession(deps: SessionCheckDeps, site: Site, token: string | undefined): Promise<LiveSession> {
  if (site.kind !== 'tenant') throw noSession();
  const now = deps.clock.now();
  const claims = await verifySessionToken(deps.signer, token, { origin: site.origin, tenant: site.subdomain, now });
  if (!claims) throw noSession();
  const session = await deps.sessions.get(site.subdomain, claims.sub, claims.sid, Math.floor(now.getTime() / 1000));
  if (!session) throw noSession();
  // The session record carries the names (SCIM group writes keep them current): still one read.
  const groups = [...(session.groupNames ?? [])].sort();
  return { sub: claims.sub, email: claims.email, tenant: claims.tenant, sid: claims.sid, exp: claims.exp, groups };
}
