/**
 * The keys a function may use, each built on first use: KMS in AWS, a local file in local
 * runs. Only the wirings whose functions sign or open secrets (callback, session, setup)
 * import this module, and so the KMS client.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import type { Config } from '../core/config.js';
import type { SecretBox, Signer } from '../core/ports.js';
import { AWS_REQUEST_HANDLER, MAX_ATTEMPTS } from '../adapters/aws-http.js';
import { CachingSecretBox } from '../adapters/caching-secret-box.js';
import { KmsSecretBox } from '../adapters/kms-secret-box.js';
import { KmsSigner } from '../adapters/kms-signer.js';
import { lazySecretBox, lazySigner } from '../adapters/lazy-keys.js';
import { LocalSecretBox } from '../adapters/local-secret-box.js';
import { LocalSigner } from '../adapters/local-signer.js';

let kms: KMSClient | undefined;
const kmsClient = () => (kms ??= new KMSClient({ maxAttempts: MAX_ATTEMPTS, requestHandler: AWS_REQUEST_HANDLER }));

/** The session-token key. */
export const sessionSigner = (config: Config): Signer =>
  lazySigner(() => {
    if (config.sessionKmsKeyId) return new KmsSigner(kmsClient(), config.sessionKmsKeyId, config.sessionKmsPreviousKeyIds);
    if (config.sessionKeyFile) return LocalSigner.fromFile(config.sessionKeyFile);
    throw new Error('no session signing key: set SESSION_KMS_KEY_ID (AWS) or SESSION_KEY_FILE (local)');
  });

/** The private_key_jwt client-assertion key. */
export const clientAssertionSigner = (config: Config): Signer =>
  lazySigner(() => {
    if (config.clientAssertionKmsKeyId)
      return new KmsSigner(kmsClient(), config.clientAssertionKmsKeyId, config.clientAssertionKmsPreviousKeyIds);
    if (config.clientAssertionKeyFile) return LocalSigner.fromFile(config.clientAssertionKeyFile);
    throw new Error('no client-assertion key: set CLIENT_ASSERTION_KMS_KEY_ID (AWS) or CLIENT_ASSERTION_KEY_FILE (local)');
  });

/** The box that opens tenants' client secrets; decryptions are cached 5 minutes. */
export const secretBox = (config: Config): SecretBox =>
  lazySecretBox(() => {
    if (config.secretsKmsKeyId) return new CachingSecretBox(new KmsSecretBox(kmsClient(), config.secretsKmsKeyId));
    if (config.secretsKeyFile) return new CachingSecretBox(LocalSecretBox.fromFile(config.secretsKeyFile));
    throw new Error('no secrets key: set SECRETS_KMS_KEY_ID (AWS) or SECRETS_KEY_FILE (local)');
  });
