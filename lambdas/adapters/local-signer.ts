/**
 * ES256 signer for local runs: one P-256 key kept as a PEM file (created on first use, mode
 * 0600, under the git-ignored `.data/`). In AWS the KMS signer takes its place.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { Signer } from '../core/ports.js';

export class LocalSigner implements Signer {
  private readonly jwk: JWK;
  private readonly thumbprint: Promise<string>;

  constructor(private readonly key: KeyObject) {
    const { kty, crv, x, y } = createPublicKey(key).export({ format: 'jwk' });
    this.jwk = { kty, crv, x, y };
    this.thumbprint = calculateJwkThumbprint(this.jwk);
  }

  /** Loads the key at `path`, creating it if the file does not exist. */
  static fromFile(path: string): LocalSigner {
    let pem: string;
    try {
      pem = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      mkdirSync(dirname(path), { recursive: true });
      try {
        writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
      } catch (raced) {
        // Another process (the CLI beside `npm start`) created it first: use theirs.
        if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
        pem = readFileSync(path, 'utf8');
      }
    }
    return new LocalSigner(createPrivateKey(pem));
  }

  kid(): Promise<string> {
    return this.thumbprint;
  }

  async sign(signingInput: Uint8Array): Promise<Uint8Array> {
    return sign('sha256', signingInput, { key: this.key, dsaEncoding: 'ieee-p1363' });
  }

  async publicJwks(): Promise<JWK[]> {
    return [{ ...this.jwk, kid: await this.thumbprint, alg: 'ES256', use: 'sig' }];
  }
}
