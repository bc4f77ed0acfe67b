/**
 * Wires the ports to their adapters once per process (a Lambda cold start, or the local
 * server's start), from the environment. Handlers ask for it with `runtime()`.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { loadConfig, type Config } from '../core/config.js';
import type { Deps } from '../core/deps.js';
import { systemClock, type Signer } from '../core/ports.js';
import { AWS_REQUEST_HANDLER, createDocumentClient } from '../adapters/dynamo-client.js';
import { DynamoDirectoryStore } from '../adapters/dynamo-directory.js';
import { DynamoTransactionStore } from '../adapters/dynamo-transactions.js';
import { KmsSigner } from '../adapters/kms-signer.js';
import { LocalSigner } from '../adapters/local-signer.js';
import { createLog, type RequestLog } from '../adapters/logger.js';
import { OpenIdConnect } from '../adapters/oidc.js';
import { transportHeaders } from './transport.js';

export interface Runtime extends Deps {
  log: RequestLog;
}

let current: Runtime | undefined;
let processLog: RequestLog | undefined;

/** The process's logger, usable even when the configuration is broken. */
export const requestLog = (): RequestLog => (processLog ??= createLog());

/**
 * Headers for every response (HSTS on https hosts). With an unreadable configuration the
 * request fails anyway, and its error answer must still go out: then there are none.
 */
export function responseHeaders(): Record<string, string> {
  try {
    return transportHeaders(runtime().config);
  } catch {
    return {};
  }
}

export function runtime(): Runtime {
  current ??= build(loadConfig());
  return current;
}

function build(config: Config): Runtime {
  const doc = createDocumentClient({ endpoint: config.dynamodbEndpoint });
  return {
    config,
    directory: new DynamoDirectoryStore(doc, config.directoryTable),
    transactions: new DynamoTransactionStore(doc, config.loginTable),
    idp: new OpenIdConnect({ timeoutSeconds: config.idpTimeoutSeconds }),
    signer: lazySigner(config),
    clock: systemClock,
    log: requestLog(),
  };
}

/** The signer is built on first use: routes that never sign need neither a key nor KMS. */
function lazySigner(config: Config): Signer {
  let signer: Signer | undefined;
  const get = (): Signer => (signer ??= makeSigner(config));
  return { kid: () => get().kid(), sign: (input) => get().sign(input), publicJwks: () => get().publicJwks() };
}

function makeSigner(config: Config): Signer {
  if (config.sessionKmsKeyId) return new KmsSigner(new KMSClient({ maxAttempts: 3, requestHandler: AWS_REQUEST_HANDLER }), config.sessionKmsKeyId, config.sessionKmsPreviousKeyIds);
  if (config.sessionKeyFile) return LocalSigner.fromFile(config.sessionKeyFile);
  throw new Error('no session signing key: set SESSION_KMS_KEY_ID (AWS) or SESSION_KEY_FILE (local)');
}
