import type { Config } from './config.js';
import type { Events } from './events.js';
import type { SelfTest } from './self-test.js';
import type { Clock, DirectoryStore, IdentityProvider, Log, SecretBox, SessionStore, Signer, TransactionStore } from './ports.js';

/**
 * Every port the flows use. No function wires all of them: each core step takes the
 * `Pick` it reads, and each function's wiring (`lambdas/wiring/`) builds only those.
 */
export interface Deps {
  config: Config;
  directory: DirectoryStore;
  transactions: TransactionStore;
  sessions: SessionStore;
  idp: IdentityProvider;
  signer: Signer;
  /** Opens tenants' client secrets; built on first use (only the callback decrypts). */
  secrets: SecretBox;
  /** Signs private_key_jwt client assertions and publishes their keys; built on first use. */
  clientAssertionSigner: Signer;
  clock: Clock;
  log: Log;
  /** Sign-in events for support (`events`, `tenant health`). */
  events: Events;
  /** The live self-test of a tenant's Okta org (the setup page runs it). */
  selfTest: SelfTest;
}

/** What a flow step produces; handlers turn it into an HTTP response. */
export interface Outcome {
  redirectTo: string;
  cookies: string[];
}
