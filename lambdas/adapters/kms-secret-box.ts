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
