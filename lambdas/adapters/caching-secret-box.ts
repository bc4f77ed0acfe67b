/** An in-memory cache of opened client secrets, in front of the KMS or local secret box. */
import type { SecretBox } from '../core/ports.js';

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
