/**
 * The SecretBox adapters: the local AES-GCM box (real crypto, real key file), the KMS box
 * against a stand-in KMS that enforces the encryption context as KMS does (a real KMS is not
 * on a build machine), and the in-memory cache in front of either.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { CachingSecretBox } from '../../lambdas/adapters/caching-secret-box.js';
import { KmsSecretBox } from '../../lambdas/adapters/kms-secret-box.js';
import { LocalSecretBox } from '../../lambdas/adapters/local-secret-box.js';

const SECRET = 'okta-client-secret-0123456789abcdef';
const ARN = 'arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555';

describe('LocalSecretBox', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'impero-box-')), 'nested', 'secrets.key');

  it('opens what it sealed, only for the same tenant, and never stores the plaintext', async () => {
    const box = LocalSecretBox.fromFile(file());
    const sealed = await box.encrypt(SECRET, 'acme');
    expect(sealed).toMatch(/^local\.v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(SECRET);
    expect(await box.encrypt(SECRET, 'acme')).not.toBe(sealed); // a fresh IV each time
    expect(await box.decrypt(sealed, 'acme')).toBe(SECRET);
    await expect(box.decrypt(sealed, 'globex')).rejects.toThrow();
  });

  it('refuses a tampered ciphertext and one from another key or scheme', async () => {
    const box = LocalSecretBox.fromFile(file());
    const sealed = await box.encrypt(SECRET, 'acme');
    const raw = Buffer.from(sealed.slice('local.v1.'.length), 'base64url');
    raw[14]! ^= 1;
    await expect(box.decrypt(`local.v1.${raw.toString('base64url')}`, 'acme')).rejects.toThrow();
    await expect(LocalSecretBox.fromFile(file()).decrypt(sealed, 'acme')).rejects.toThrow();
    await expect(box.decrypt('kms.v1.AAAA', 'acme')).rejects.toThrow(/not a ciphertext of the local secrets key/);
  });

  it('creates its key file once, readable by the owner only, and shares it with a second process', async () => {
    const path = file();
    const first = LocalSecretBox.fromFile(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const second = LocalSecretBox.fromFile(path);
    expect(await second.decrypt(await first.encrypt(SECRET, 'acme'), 'acme')).toBe(SECRET);
  });
});

/** A KMS stand-in for Encrypt/Decrypt: AES-GCM under a key per ARN, the context bound in. */
function fakeKms() {
  const key = randomBytes(32);
  const calls: string[] = [];
  const ctx = (input: Record<string, unknown>) => Buffer.from(JSON.stringify(input.EncryptionContext ?? {}));
  const client = {
    async send(command: unknown) {
      const input = (command as { input: Record<string, unknown> }).input;
      calls.push((command as object).constructor.name);
      if (input.KeyId !== ARN) throw Object.assign(new Error('wrong key'), { name: 'IncorrectKeyException' });
      if (command instanceof EncryptCommand) {
        const iv = randomBytes(12);
        const c = createCipheriv('aes-256-gcm', key, iv).setAAD(ctx(input));
        const body = Buffer.concat([c.update(input.Plaintext as Uint8Array), c.final()]);
        return { CiphertextBlob: new Uint8Array(Buffer.concat([iv, c.getAuthTag(), body])) };
      }
      if (command instanceof DecryptCommand) {
        const blob = Buffer.from(input.CiphertextBlob as Uint8Array);
        try {
          const d = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12)).setAAD(ctx(input)).setAuthTag(blob.subarray(12, 28));
          return { Plaintext: new Uint8Array(Buffer.concat([d.update(blob.subarray(28)), d.final()])), KeyId: ARN };
        } catch {
          throw Object.assign(new Error('InvalidCiphertextException'), { name: 'InvalidCiphertextException' });
        }
      }
      throw new Error('unexpected command');
    },
  };
  return { client: client as unknown as KMSClient, calls };
}

describe('KmsSecretBox', () => {
  it('seals with the tenant as encryption context and opens only with the same one', async () => {
    const kms = fakeKms();
    const box = new KmsSecretBox(kms.client, ARN);
    const sealed = await box.encrypt(SECRET, 'acme');
    expect(sealed).toMatch(/^kms\.v1\./);
    expect(await box.decrypt(sealed, 'acme')).toBe(SECRET);
    await expect(box.decrypt(sealed, 'globex')).rejects.toThrow(/InvalidCiphertext/);
    await expect(new KmsSecretBox(kms.client, ARN.replace('1111-2222', '9999-2222')).decrypt(sealed, 'acme')).rejects.toThrow(/wrong key/);
    await expect(box.decrypt('local.v1.AAAA', 'acme')).rejects.toThrow(/not a ciphertext of the KMS secrets key/);
  });

  it('calls KMS once per secret and tenant while cached, and again after the cache time', async () => {
    const kms = fakeKms();
    let now = 0;
    const box = new CachingSecretBox(new KmsSecretBox(kms.client, ARN), 300_000, () => now);
    const sealed = await box.encrypt(SECRET, 'acme');
    kms.calls.length = 0;
    await Promise.all([box.decrypt(sealed, 'acme'), box.decrypt(sealed, 'acme')]);
    now = 299_000;
    expect(await box.decrypt(sealed, 'acme')).toBe(SECRET);
    expect(kms.calls).toEqual(['DecryptCommand']);
    await expect(box.decrypt(sealed, 'globex')).rejects.toThrow();
    now = 301_000;
    await box.decrypt(sealed, 'acme');
    expect(kms.calls.filter((c) => c === 'DecryptCommand')).toHaveLength(3);
  });

  it('does not keep a failed decryption', async () => {
    const kms = fakeKms();
    const box = new CachingSecretBox(new KmsSecretBox(kms.client, ARN));
    const sealed = await new KmsSecretBox(kms.client, ARN).encrypt(SECRET, 'acme');
    await expect(box.decrypt(sealed, 'globex')).rejects.toThrow();
    await expect(box.decrypt(sealed, 'globex')).rejects.toThrow();
    expect(kms.calls.filter((c) => c === 'DecryptCommand')).toHaveLength(2);
  });
});
