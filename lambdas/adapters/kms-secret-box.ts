/**
 * SecretBox backed by a symmetric KMS key: the secret is sealed with `kms:Encrypt` and the
 * encryption context `{ tenant: <subdomain> }`, which KMS checks on `kms:Decrypt` (and which
 * CloudTrail records with every use). Decrypt names the key too, so a ciphertext of any
 * other key is refused.
 */
import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { SecretBox } from '../core/ports.js';

const PREFIX = 'kms.v1.';

export class KmsSecretBox implements SecretBox {
  constructor(
    private readonly client: KMSClient,
    private readonly keyArn: string,
  ) {}

  async encrypt(plaintext: string, context: string): Promise<string> {
    const { CiphertextBlob } = await this.client.send(
      new EncryptCommand({ KeyId: this.keyArn, Plaintext: Buffer.from(plaintext, 'utf8'), EncryptionContext: { tenant: context } }),
    );
    if (!CiphertextBlob) throw new Error('KMS Encrypt returned no ciphertext');
    return PREFIX + Buffer.from(CiphertextBlob).toString('base64');
  }

  async decrypt(ciphertext: string, context: string): Promise<string> {
    if (!ciphertext.startsWith(PREFIX)) throw new Error('not a ciphertext of the KMS secrets key');
    const { Plaintext } = await this.client.send(
      new DecryptCommand({
        KeyId: this.keyArn,
        CiphertextBlob: Buffer.from(ciphertext.slice(PREFIX.length), 'base64'),
        EncryptionContext: { tenant: context },
      }),
    );
    if (!Plaintext) throw new Error('KMS Decrypt returned no plaintext');
    return Buffer.from(Plaintext).toString('utf8');
  }
}

/**
 * Keeps decrypted secrets in this process's memory for `ttlMs` (default 5 minutes), so a
 * warm callback does not call KMS on every sign-in. Nothing is ever written anywhere.
 */
export class CachingSecretBox implements SecretBox {
  private readonly cache = new Map<string, { value: Promise<string>; until: number }>();

  constructor(
    private readonly inner: SecretBox,
    private readonly ttlMs = 300_000,
    private readonly now: () => number = Date.now,
  ) {}

  encrypt(plaintext: string, context: string): Promise<string> {
    return this.inner.encrypt(plaintext, context);
  }

  decrypt(ciphertext: string, context: string): Promise<string> {
    const key = `${context}\n${ciphertext}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > this.now()) return hit.value;
    const value = this.inner.decrypt(ciphertext, context);
    this.cache.set(key, { value, until: this.now() + this.ttlMs });
    value.catch(() => this.cache.delete(key));
    return value;
  }
}
