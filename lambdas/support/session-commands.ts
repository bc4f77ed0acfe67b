/** `session list|revoke`: a tenant's server-side sessions, and ending an account's. */
import { endAccountSessions } from '../core/revocation.js';
import { cliEvents } from './cli-events.js';
import { CliError, type CliContext } from './context.js';
import { emit, table } from './output.js';
import { requireTenant } from './tenant-read.js';

/** Enough of a sid to tell sessions apart; the whole sid never leaves the server. */
const sidPrefix = (sid: string) => sid.slice(0, 8);
const isoSeconds = (epoch: number) => new Date(epoch * 1000).toISOString().replace('.000Z', 'Z');

async function requireAccount(ctx: CliContext, tenant: string, email: string) {
  const account = await ctx.directory.getAccountByEmail(tenant, email);
  if (!account) throw new CliError(`${email} has no account in tenant "${tenant}"`);
  return account;
}

export async function sessionList(ctx: CliContext, input: { tenant: string; email?: string }): Promise<void> {
  await requireTenant(ctx, input.tenant);
  const accountId = input.email === undefined ? undefined : (await requireAccount(ctx, input.tenant, input.email)).id;
  const sessions = (await ctx.sessions.list(input.tenant, accountId)).map((s) => ({
    email: s.email,
    account: s.accountId,
    session: sidPrefix(s.sid),
    signedInAt: s.createdAt,
    expiresAt: isoSeconds(s.expiresAt),
  }));
  emit(ctx, sessions, () =>
    sessions.length === 0
      ? `No live sessions in tenant ${input.tenant}${input.email ? ` for ${input.email}` : ''}.\n`
      : table(
          ['EMAIL', 'ACCOUNT', 'SESSION', 'SIGNED IN', 'EXPIRES'],
          sessions.map((s) => [s.email, s.account, `${s.session}…`, s.signedInAt, s.expiresAt]),
        ),
  );
}

export async function sessionRevoke(ctx: CliContext, input: { tenant: string; email: string }): Promise<void> {
  await requireTenant(ctx, input.tenant);
  const account = await requireAccount(ctx, input.tenant, input.email);
  const ended = await endAccountSessions(
    ctx.sessions,
    ctx.log,
    { tenant: input.tenant, accountId: account.id, reason: 'session_revoke', email: account.email },
    cliEvents(ctx),
  );
  emit(
    ctx,
    { tenant: input.tenant, email: account.email, account: account.id, sessionsEnded: ended },
    () => `Ended ${ended} session(s) of ${account.email} in tenant ${input.tenant}.\n`,
  );
}
