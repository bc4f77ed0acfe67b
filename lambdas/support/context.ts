/**
 * What every support command runs with, and how it fails. Commands take a context instead
 * of reaching for process globals, so tests can run them in-process against real stores.
 */
import type { DirectoryStore, EventStore, Log, SecretBox, SessionStore, Signer } from '../core/ports.js';
import { redact } from '../adapters/logger.js';

/** Where a command prints: process.stdout/stderr, or a buffer in tests. */
export interface Output {
  write(text: string): unknown;
  /** True on an interactive terminal: enables the progress bar. */
  isTTY?: boolean;
}

export interface CliContext {
  directory: DirectoryStore;
  /** Seals client secrets for storage, and opens them for the self-test. */
  secrets: SecretBox;
  /** Signs the self-test's client assertion for private_key_jwt tenants. */
  clientAssertionSigner: Signer;
  /** The first line of standard input (for --client-secret-stdin); read only when asked for. */
  readSecret(): Promise<string>;
  /** Server-side sessions: listed, and ended by revocations. */
  sessions: SessionStore;
  /** Structured lines (revocations) on stderr, apart from the command's output. */
  log: Log;
  /** Sign-in events, read by `events` and `tenant health`. */
  events: EventStore;
  stdout: Output;
  stderr: Output;
  now(): Date;
  /** Used by the Okta self-test only; plain fetch, injectable for tests. */
  fetch: typeof fetch;
  /**
   * Whether the self-test may call a loopback org (the dev Okta): only against a local
   * DynamoDB (`--local`, DYNAMODB_ENDPOINT). Against AWS, the org must be public as in the Lambdas.
   */
  allowLoopback: boolean;
  /** Print machine-readable JSON on stdout instead of text. */
  json: boolean;
  /** The public origin of a tenant, e.g. `https://acme.impero.com`. */
  tenantOrigin: (subdomain: string) => string;
  /** Timeout of each request the self-test makes. */
  verifyTimeoutMs: number;
}

/** Exit codes: 0 success, 1 the command could not be done, 2 the command line itself is wrong. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;

/**
 * A failure with its one-line reason (printed as `error: <message>`). Details, if any,
 * have already been printed on stdout.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.FAILED,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Bad input on the command line: exit 2, nothing touched. */
export const usage = (message: string): CliError => new CliError(message, EXIT.USAGE);

/** One line, whatever the error carried: newlines would break the one-line promise. */
export const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

/** A Log that writes `info <message> key=value …` lines to `out` (the CLI's stderr). */
export function lineLog(out: Output): Log {
  const line = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    const extra = Object.entries(redact(fields))
      .map(([k, v]) => ` ${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join('');
    out.write(`${level} ${message}${extra}\n`);
  };
  return { info: line('info'), warn: line('warn'), error: line('error') };
}
