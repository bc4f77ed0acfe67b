/**
 * An org's signing keys for Universal Logout tokens. Anyone who can reach the endpoint can send
 * a token, so a token with an unknown `kid` may refetch the org's JWKS at most once per
 * `minIntervalMs` (one minute) per issuer: otherwise each warm instance would fetch the
 * customer's JWKS whenever a stranger asks (jose's own cooldown is one second), spending the
 * customer's Okta rate limits. A genuine key rotation is picked up by the first token after the
 * interval. Keys older than `maxAgeMs` (one hour) are fetched again, so a key Okta removed stops
 * verifying; that fetch obeys the same interval.
 */
import { createLocalJWKSet, errors as joseErrors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

export interface LogoutKeysOptions {
  /** Fetches the org's JWKS (counted, with a timeout). */
  fetchJwks: () => Promise<JSONWebKeySet>;
  /** Milliseconds since the epoch; injected by tests. */
  now: () => number;
  minIntervalMs?: number;
  maxAgeMs?: number;
}

/** One minute: at most one JWKS fetch per issuer and instance for logout tokens. */
const LOGOUT_JWKS_MIN_INTERVAL_MS = 60_000;

export class LogoutKeys {
  private keys?: ReturnType<typeof createLocalJWKSet>;
  private loadedAt = -Infinity;
  private attemptedAt = -Infinity;
  private lastFailure?: unknown;
  private pending?: Promise<void>;
  private readonly minIntervalMs: number;
  private readonly maxAgeMs: number;

  constructor(private readonly options: LogoutKeysOptions) {
    this.minIntervalMs = options.minIntervalMs ?? LOGOUT_JWKS_MIN_INTERVAL_MS;
    this.maxAgeMs = options.maxAgeMs ?? 3_600_000;
  }

  /** For `jwtVerify`: the key for the token's header, refetching only as the interval allows. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    if (this.pending) await this.pending.catch(() => undefined);
    if (!this.keys || this.options.now() - this.loadedAt >= this.maxAgeMs) {
      if (this.mayFetch()) await this.reload();
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- the last fetch's failure, exactly as it was thrown
      else if (!this.keys) throw this.lastFailure ?? new joseErrors.JWKSNoMatchingKey();
    }
    try {
      return await this.keys!(header, token);
    } catch (error) {
      if (!(error instanceof joseErrors.JWKSNoMatchingKey) || !this.mayFetch()) throw error;
      await this.reload();
      return this.keys!(header, token);
    }
  };

  private mayFetch(): boolean {
    return this.options.now() - this.attemptedAt >= this.minIntervalMs;
  }

  /** One fetch at a time; a failed one counts against the interval too (a dead org is not hammered). */
  private reload(): Promise<void> {
    this.pending ??= (async () => {
      this.attemptedAt = this.options.now();
      try {
        this.keys = createLocalJWKSet(await this.options.fetchJwks());
        this.loadedAt = this.attemptedAt;
        this.lastFailure = undefined;
      } catch (error) {
        this.lastFailure = error;
        throw error;
      } finally {
        this.pending = undefined;
      }
    })();
    return this.pending;
  }
}
