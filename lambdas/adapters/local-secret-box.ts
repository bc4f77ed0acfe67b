/**
 * SecretBox for local runs: AES-256-GCM under a 256-bit key kept in a file (created on first
 * use, mode 0600, under the git-ignored `.data/`). The context is the GCM additional data, so
 * a ciphertext only opens for the tenant it was sealed for. In AWS the KMS box takes its place.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretBox } from '../core/ports.js';

const PREFIX = 'local.v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class LocalSecretBox implements SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the local secrets key must be 32 bytes');
  }

  /** Loads the key at `path`, creating it if the file does not exist. */
  static fromFile(path: string): LocalSecretBox {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      text = randomBytes(32).toString('base64url');
      mkdirSync(dirname(path), { recursive: true });
      try {
        writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
      } catch (raced) {
        // Another process (the CLI beside `npm start`) created it first: use theirs.
        if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
        text = readFileSync(path, 'utf8');
      }
    }
    return new LocalSecretBox(Buffer.from(text.trim(), 'base64url'));
  }

  async encrypt(plaintext: string, context: string): Promise<string> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  async decrypt(ciphertext: string, context: string): Promise<string> {
    if (!ciphertext.startsWith(PREFIX)) throw new Error('not a ciphertext of the local secrets key');
    const raw = Buffer.from(ciphertext.slice(PREFIX.length), 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('ciphertext is truncated');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES))
      .setAAD(Buffer.from(context, 'utf8'))
      .setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}
