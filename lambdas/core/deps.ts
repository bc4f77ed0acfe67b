import type { Config } from './config.js';
import type { Clock, DirectoryStore, IdentityProvider, Log, Signer, TransactionStore } from './ports.js';

/** Everything the login flow needs, wired once per process by the runtime. */
export interface Deps {
  config: Config;
  directory: DirectoryStore;
  transactions: TransactionStore;
  idp: IdentityProvider;
  signer: Signer;
  clock: Clock;
  log: Log;
}

/** What a flow step produces; handlers turn it into an HTTP response. */
export interface Outcome {
  redirectTo: string;
  cookies: string[];
}
