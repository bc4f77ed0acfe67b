/**
 * The last step of a sign-in, after its session is written: read the tenant and the account
 * again (consistent reads) and end the session if either changed meanwhile. A `tenant
 * disable`, `account remove` or `account deactivate` changes its item first and sweeps
 * sessions after: a session written before the change is swept, and one written after it is
 * ended here. Without this, a callback whose Okta answer came after the sweep would leave a
 * live session behind. Likewise, group names a SCIM change gave the account's sessions before
 * this one was written reach it here (the account's `groupsVersion` moved on).
 */
import type { Deps } from './deps.js';
import { AuthError, ErrorCode } from './errors.js';
import { inactive } from './identity.js';
import type { Account, Session } from './model.js';
import { activeTenant } from './tenant.js';

const removed = () =>
  new AuthError(
    ErrorCode.NO_ACCOUNT,
    'Your Impero account was removed while you were signing in. Ask your Impero administrator to add you.',
  );

export async function confirmSession(
  deps: Pick<Deps, 'directory' | 'sessions' | 'log'>,
  account: Account,
  session: Pick<Session, 'tenant' | 'accountId' | 'sid'>,
): Promise<void> {
  try {
    await activeTenant(deps.directory, session.tenant);
    const current = await deps.directory.getAccountByEmail(session.tenant, account.email);
    if (!current || current.id !== account.id) throw removed();
    if (!current.active) throw inactive();
    // A SCIM group change meanwhile may have updated the account's sessions before this one existed.
    if ((current.groupsVersion ?? 0) !== (account.groupsVersion ?? 0)) {
      await deps.sessions.setGroupNames(
        session.tenant,
        session.accountId,
        (current.groups ?? []).map((g) => g.displayName).sort(),
        current.groupsVersion ?? 0,
      );
    }
  } catch (error) {
    // The token never leaves: the session ends whatever the reason (and is no use to anyone if that fails too).
    await deps.sessions.end(session.tenant, session.accountId, session.sid).catch((cause: unknown) =>
      deps.log.warn('session of a refused sign-in not ended', {
        tenant: session.tenant,
        account: session.accountId,
        cause: (cause as Error)?.name ?? String(cause),
      }),
    );
    throw error;
  }
}
