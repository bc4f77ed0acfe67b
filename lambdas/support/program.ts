/**
 * The support CLI as a function: `runCli(argv, deps)` parses, validates, opens the target,
 * runs one command and returns the exit code. Every failure ends as exactly one
 * `error: …` line on stderr. bin/cli.ts calls it with the real process; tests call it too.
 */
import { Command, CommanderError } from 'commander';
import { ConflictError } from '../core/ports.js';
import { addCommands, type Printer, type Runner } from './commands.js';
import { CliError, EXIT, lineLog, oneLine, type CliContext, type Output } from './context.js';
import { openTarget as defaultOpenTarget, type Env, type Target, type TargetOptions } from './target.js';
import { describeAwsError } from './target-aws.js';
import { idpTimeoutSeconds } from '../core/config.js';
import { printable } from '../core/printable.js';

export interface CliDeps {
  stdout: Output;
  stderr: Output;
  env: Env;
  /** Folder of the running `npm start` for --local (the project root). */
  cwd: string;
  now?: () => Date;
  fetch?: typeof fetch;
  /** Whether the self-test may call a loopback org. Default: only against a local DynamoDB (`--local`, DYNAMODB_ENDPOINT). */
  allowLoopback?: boolean;
  /** Standard input's first line, for --client-secret-stdin. Default: none (the option then fails). */
  stdin?: () => Promise<string>;
  /** Replaces the target resolution, e.g. with a test's own directory store. */
  openTarget?: (opts: TargetOptions) => Promise<Target>;
}

/** Self-test request timeout: IDP_TIMEOUT_SECONDS, read by the same rule as the Lambdas'. */
const verifyTimeoutMs = (env: Env): number => idpTimeoutSeconds(env) * 1000;

function buildProgram(deps: CliDeps): Command {
  const program = new Command('cli')
    .description(
      'Impero SSO support CLI: tenants (customers with an Okta org) and their accounts.\nWrites to the deployed stack (AWS), to DYNAMODB_ENDPOINT when set, or with --local to a running `npm start`.',
    )
    .option('--local', 'use the DynamoDB of a running `npm start` in this folder')
    .option('--json', 'print machine-readable JSON')
    .exitOverride()
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (s) => deps.stdout.write(s),
      // Help shown because a subcommand is missing is replaced by one error line (see runCli).
      writeErr: () => undefined,
      outputError: (s) => deps.stderr.write(`${printable(oneLine(s))}\n`),
    });

  const globals = (cmd: Command) => cmd.optsWithGlobals<{ local?: boolean; json?: boolean }>();
  const printer: Printer = (cmd) => ({ stdout: deps.stdout, json: globals(cmd).json === true });
  const run: Runner = async (cmd, work) => {
    const { local = false, json = false } = globals(cmd);
    const target = await (deps.openTarget ?? defaultOpenTarget)({ local, env: deps.env, cwd: deps.cwd });
    const ctx: CliContext = {
      directory: target.directory,
      secrets: target.secrets,
      clientAssertionSigner: target.clientAssertionSigner,
      readSecret: deps.stdin ?? (async () => ''),
      sessions: target.sessions,
      log: lineLog(deps.stderr),
      events: target.events,
      stdout: deps.stdout,
      stderr: deps.stderr,
      now: deps.now ?? (() => new Date()),
      fetch: deps.fetch ?? globalThis.fetch,
      allowLoopback: deps.allowLoopback ?? (local || Boolean(deps.env.DYNAMODB_ENDPOINT?.trim())),
      json,
      tenantOrigin: target.tenantOrigin,
      verifyTimeoutMs: verifyTimeoutMs(deps.env),
    };
    try {
      await work(ctx);
    } finally {
      target.close();
    }
  };
  addCommands(program, run, printer);
  return program;
}

export async function runCli(argv: string[], deps: CliDeps): Promise<number> {
  const program = buildProgram(deps);
  const fail = (message: string, code: number) => {
    // The reason may quote a remote answer (an AWS or DynamoDB error): one line, inert.
    deps.stderr.write(`error: ${printable(oneLine(message))}\n`);
    return code;
  };
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return EXIT.OK; // --help, `help <command>`
      // A group (`tenant`, `account`, or nothing at all) without its subcommand.
      if (e.code === 'commander.help') return fail('missing command; run with --help to see the commands', EXIT.USAGE);
      return EXIT.USAGE; // commander has printed its one line through outputError
    }
    if (e instanceof CliError) return fail(e.message, e.exitCode);
    if (e instanceof ConflictError) return fail(e.message, EXIT.FAILED);
    return fail(describeAwsError(e), EXIT.FAILED);
  }
}
