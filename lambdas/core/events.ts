/**
 * Sign-in events: what support reads with `events` and `tenant health`. Handlers record
 * them through `Events.record`, which never throws and never delays the answer by more
 * than a short, bounded wait at the end of the request (Lambda freezes whatever is still
 * running once the answer is returned, so the write has to finish before that).
 *
 * Never put a token, code, secret, cookie or verifier in an event: only the fields below.
 */
import { randomBytes } from 'node:crypto';
import type { Clock, EventStore, Log } from './ports.js';

/**
 * Every event type, with who records it:
 * - `sign_in`          the callback, after the session cookie is issued
 * - `sign_in_failed`   the callback, for every error it answers with (`errorCode` says which)
 * - `sign_out`         `POST /auth/logout`, when it ends a session (with the email)
 * - `universal_logout` `POST /auth/universal-logout`, after the user's sessions ended
 * - `session_revoked`  the support CLI: `session revoke`, `account remove|deactivate`, `tenant disable`
 * - `account_created`  the callback, when JIT creates an account at first sign-in
 * - `tenant_setup`     `POST /auth/setup`, when the setup link activated the tenant
 * - `account_deactivated`, `account_reactivated`  `account deactivate|activate`, and SCIM
 * - `account_provisioned`, `account_updated`, `account_deleted`   SCIM (`/scim/v2/Users`), with the account's email
 * - `group_changed`    SCIM (`/scim/v2/Groups`): created, renamed, members changed or deleted, with `group`
 */
export type EventType =
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_out'
  | 'universal_logout'
  | 'session_revoked'
  | 'account_created'
  | 'tenant_setup'
  | 'account_provisioned'
  | 'account_updated'
  | 'account_deactivated'
  | 'account_reactivated'
  | 'account_deleted'
  | 'group_changed';

export interface AuthEvent {
  /** Unique; sorts by time within a tenant. */
  id: string;
  /** ISO 8601, UTC, milliseconds. */
  time: string;
  tenant: string;
  type: EventType;
  /** Canonical email that Okta or the account vouched for, when known. */
  email?: string;
  /**
   * The address typed on the login page (the login's `login_hint`), when it is not `email`:
   * anyone can type any address, so it names nobody for sure.
   */
  typedEmail?: string;
  /** The error code of a failure (`lambdas/core/errors.ts`). */
  errorCode?: string;
  /** The group's display name, for `group_changed`. */
  group?: string;
  /** The request's correlation id: the `x-correlation-id` header and the reference on error pages. */
  correlationId?: string;
}

/** What a caller says; time, id and correlation id are filled in by the recorder. */
export interface EventInput {
  tenant: string;
  type: EventType;
  email?: string;
  typedEmail?: string;
  errorCode?: string;
  group?: string;
}

export interface Events {
  /** Starts writing the event and returns at once; a failed write is logged, never thrown. */
  record(input: EventInput): void;
  /** Waits (at most `FLUSH_BUDGET_MS`) for the writes this request started. */
  flush(): Promise<void>;
}

/** How long the end of a request may wait for its event writes. */
export const FLUSH_BUDGET_MS = 1_000;

let sequence = 0;
/**
 * Time (base 36), a per-process sequence, then randomness: unique, and events one process
 * records in the same millisecond (a JIT account, then the sign-in) keep their order.
 */
export const newEventId = (now: Date): string =>
  `${now.getTime().toString(36)}-${(sequence++ % 1296).toString(36).padStart(2, '0')}${randomBytes(5).toString('hex')}`;

export class EventRecorder implements Events {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly log: Log,
    /** The current request's correlation id. */
    private readonly correlationId: () => string | undefined = () => undefined,
  ) {}

  record(input: EventInput): void {
    const now = this.clock.now();
    const event: AuthEvent = { id: newEventId(now), time: now.toISOString(), ...input };
    const correlationId = this.correlationId();
    if (correlationId) event.correlationId = correlationId;
    const write: Promise<void> = this.store
      .put(event)
      .catch((error: unknown) =>
        this.log.warn('event not recorded', { type: event.type, tenant: event.tenant, cause: (error as Error)?.name ?? String(error) }),
      )
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), FLUSH_BUDGET_MS)));
    const outcome = await Promise.race([Promise.all(this.pending).then(() => 'done' as const), budget]);
    clearTimeout(timer);
    if (outcome === 'late') this.log.warn('event writes still pending at the end of the request', { pending: this.pending.size });
  }
}
