/**
 * Wires the ports to their adapters once per process (a Lambda cold start, or the local
 * server's start), from the environment. Handlers ask for it with `runtime()`.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { loadConfig, type Config } from '../core/config.js';
import type { Deps } from '../core/deps.js';
import { EventRecorder } from '../core/events.js';
import { systemClock, type SecretBox, type Signer } from '../core/ports.js';
import { AWS_REQUEST_HANDLER, createDocumentClient } from '../adapters/dynamo-client.js';
import { DynamoDirectoryStore } from '../adapters/dynamo-directory.js';
import { DynamoSessionStore } from '../adapters/dynamo-sessions.js';
import { DynamoEventStore } from '../adapters/dynamo-events.js';
import { DynamoTransactionStore } from '../adapters/dynamo-transactions.js';
import { CachingSecretBox } from '../adapters/caching-secret-box.js';
import { KmsSecretBox } from '../adapters/kms-secret-box.js';
import { KmsSigner } from '../adapters/kms-signer.js';
import { LocalSecretBox } from '../adapters/local-secret-box.js';
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
  const log = requestLog();
  return {
    config,
    directory: new DynamoDirectoryStore(doc, config.directoryTable),
    transactions: new DynamoTransactionStore(doc, config.loginTable),
    sessions: new DynamoSessionStore(doc, config.sessionTable),
    idp: new OpenIdConnect({ timeoutSeconds: config.idpTimeoutSeconds }),
    signer: lazySigner(() => makeSigner(config)),
    secrets: lazySecretBox(config),
    clientAssertionSigner: lazySigner(() => makeClientAssertionSigner(config)),
    clock: systemClock,
    log,
    events: new EventRecorder(new DynamoEventStore(doc, config.eventsTable, config.eventRetentionDays), systemClock, log, () => log.correlationId()),
  };
}

/** Signers are built on first use: routes that never sign need neither a key nor KMS. */
function lazySigner(make: () => Signer): Signer {
  let signer: Signer | undefined;
  const get = (): Signer => (signer ??= make());
  return { kid: () => get().kid(), sign: (input) => get().sign(input), publicJwks: () => get().publicJwks() };
}

/** Likewise the secret box: only the callback opens client secrets. Decryptions are cached 5 minutes. */
function lazySecretBox(config: Config): SecretBox {
  let box: SecretBox | undefined;
  const get = (): SecretBox => (box ??= new CachingSecretBox(makeSecretBox(config)));
  return { encrypt: (p, c) => get().encrypt(p, c), decrypt: (p, c) => get().decrypt(p, c) };
}

const kmsClient = () => new KMSClient({ maxAttempts: 3, requestHandler: AWS_REQUEST_HANDLER });

function makeSecretBox(config: Config): SecretBox {
  if (config.secretsKmsKeyId) return new KmsSecretBox(kmsClient(), config.secretsKmsKeyId);
  if (config.secretsKeyFile) return LocalSecretBox.fromFile(config.secretsKeyFile);
  throw new Error('no secrets key: set SECRETS_KMS_KEY_ID (AWS) or SECRETS_KEY_FILE (local)');
}

function makeClientAssertionSigner(config: Config): Signer {
  if (config.clientAssertionKmsKeyId) return new KmsSigner(kmsClient(), config.clientAssertionKmsKeyId, config.clientAssertionKmsPreviousKeyIds);
  if (config.clientAssertionKeyFile) return LocalSigner.fromFile(config.clientAssertionKeyFile);
  throw new Error('no client-assertion key: set CLIENT_ASSERTION_KMS_KEY_ID (AWS) or CLIENT_ASSERTION_KEY_FILE (local)');
}

function makeSigner(config: Config): Signer {
  if (config.sessionKmsKeyId) return new KmsSigner(kmsClient(), config.sessionKmsKeyId, config.sessionKmsPreviousKeyIds);
  if (config.sessionKeyFile) return LocalSigner.fromFile(config.sessionKeyFile);
  throw new Error('no session signing key: set SESSION_KMS_KEY_ID (AWS) or SESSION_KEY_FILE (local)');
}
