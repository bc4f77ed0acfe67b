/** `account add|remove|deactivate|activate|list|import`: the Impero accounts of one tenant. */
import { readFile } from 'node:fs/promises';
import { printable } from '../core/printable.js';
import { endAccountSessions } from '../core/revocation.js';
import { cliEvents } from './cli-events.js';
import { CliError, usage, type CliContext } from './context.js';
import { parseAccountsCsv, type CsvAccount, type CsvProblem } from './csv-accounts.js';
import { emit, formatAccountList } from './output.js';
import { progressBar } from './progress.js';
import { requireTenant } from './tenant-read.js';

export async function accountAdd(ctx: CliContext, input: { tenant: string; email: string; name?: string }): Promise<void> {
  await requireTenant(ctx, input.tenant);
  const account = await ctx.directory.addAccount(input, ctx.now());
  emit(ctx, account, () => `Added ${account.email} to tenant ${account.tenant} (account ${account.id}).\n`);
}

/**
 * Ends the account's sessions, removes it, and ends sessions once more: a sign-in that raced
 * the removal (account read just before it) cannot leave a session behind.
 */
export async function accountRemove(ctx: CliContext, input: { tenant: string; email: string }): Promise<void> {
  await requireTenant(ctx, input.tenant);
  const account = await ctx.directory.getAccountByEmail(input.tenant, input.email);
  if (!account) throw new CliError(`${input.email} has no account in tenant "${input.tenant}"`);
  const target = { tenant: input.tenant, accountId: account.id, reason: 'account_removed', email: account.email } as const;
  let ended = await endAccountSessions(ctx.sessions, ctx.log, target, cliEvents(ctx));
  if (!(await ctx.directory.removeAccount(input.tenant, input.email))) {
    throw new CliError(`${input.email} has no account in tenant "${input.tenant}"`);
  }
  ended += await ctx.sessions.endAccount(input.tenant, account.id);
  emit(
    ctx,
    { removed: input.email, tenant: input.tenant, sessionsEnded: ended },
    () => `Removed ${input.email} from tenant ${input.tenant} and ended ${ended} session(s).\n`,
  );
}

/**
 * Deactivates (the account stays, with its link, but cannot sign in) and then ends its
 * sessions, through the same path as `account remove`; or activates it again. Sessions end
 * every time deactivate runs, so an interrupted run can simply be repeated. The callback
 * reads the account again after writing a session, so a sign-in racing this cannot keep one.
 */
export async function accountSetActive(ctx: CliContext, input: { tenant: string; email: string }, active: boolean): Promise<void> {
  await requireTenant(ctx, input.tenant);
  const before = await ctx.directory.getAccountByEmail(input.tenant, input.email);
  // A real change is SCIM's `meta.lastModified`; a repeat leaves the time alone.
  const account =
    before && (await ctx.directory.setAccountActive(input.tenant, input.email, active, before.active !== active ? ctx.now() : undefined));
  if (!account) throw new CliError(`${input.email} has no account in tenant "${input.tenant}"`);
  const changed = before.active !== active;
  const events = cliEvents(ctx);
  const ended = active
    ? undefined
    : await endAccountSessions(
        ctx.sessions,
        ctx.log,
        { tenant: input.tenant, accountId: account.id, reason: 'account_deactivated', email: account.email },
        events,
      );
  if (changed)
    await events.record({ tenant: input.tenant, type: active ? 'account_reactivated' : 'account_deactivated', email: account.email });
  const state = active ? 'active' : 'deactivated';
  emit(
    ctx,
    {
      tenant: input.tenant,
      email: account.email,
      account: account.id,
      active,
      changed,
      ...(ended === undefined ? {} : { sessionsEnded: ended }),
    },
    () =>
      (changed
        ? `${active ? 'Activated' : 'Deactivated'} ${account.email} in tenant ${input.tenant}.`
        : `${account.email} in tenant ${input.tenant} was already ${state}.`) +
      (ended === undefined ? '\n' : ` Ended ${ended} session(s).\n`),
  );
}

export async function accountList(ctx: CliContext, tenant: string): Promise<void> {
  await requireTenant(ctx, tenant);
  const accounts = await ctx.directory.listAccounts(tenant);
  emit(ctx, accounts, () => formatAccountList(tenant, accounts));
}

type Printer = Pick<CliContext, 'stdout' | 'json'>;

/**
 * Reads and checks the whole file before anything is written. Bad rows are listed on stdout
 * (or as JSON) and the command fails with one summary line.
 */
export async function readAccountsFile(out: Printer, file: string): Promise<CsvAccount[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw usage(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const { accounts, problems, rows } = parseAccountsCsv(text);
  if (problems.length === 0) return accounts;
  emit(
    out,
    { ok: false, file, added: 0, existing: 0, rejected: problems.length, problems },
    () =>
      // A message may quote a cell, and a quoted CSV cell may hold a line break: one line each.
      problems.map((p) => `line ${p.line}: ${printable(p.message)}\n`).join('') +
      `0 added, 0 already present, ${problems.length} rejected: nothing was imported.\n`,
  );
  throw usage(summary(file, problems, rows));
}

function summary(file: string, problems: CsvProblem[], rows: number): string {
  const lines =
    problems
      .slice(0, 10)
      .map((p) => p.line)
      .join(', ') + (problems.length > 10 ? ', …' : '');
  const what = `row${rows > 1 ? 's' : ''} ${problems.length === 1 ? 'is' : 'are'}`;
  return rows > 0
    ? `${problems.length} of ${rows} ${what} invalid in ${file} (line${problems.length > 1 ? 's' : ''} ${lines}); nothing was imported`
    : `${file}: ${problems[0]!.message} (line ${problems[0]!.line}); nothing was imported`;
}

/** The store writes only the rows whose email has no account yet (its lookup is bounded by the file), so a re-run is cheap. */
export async function accountImport(ctx: CliContext, tenant: string, file: string, accounts: CsvAccount[]): Promise<void> {
  await requireTenant(ctx, tenant);
  const progress = progressBar(ctx.stderr, `Importing ${accounts.length} accounts`, accounts.length);
  let result: { added: number; existing: number };
  try {
    result = await ctx.directory.importAccounts(
      accounts.map((a) => ({ tenant, email: a.email, name: a.name })),
      ctx.now(),
      (done) => progress.update(done),
    );
  } finally {
    progress.finish();
  }
  const { added, existing } = result;
  emit(
    ctx,
    { ok: true, tenant, file, rows: accounts.length, added, existing, rejected: 0 },
    () => `Imported ${file} into tenant ${tenant}: ${added} added, ${existing} already present, 0 rejected.\n`,
  );
}
