/**
 * ES256 signer backed by an asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY): the private key
 * never leaves KMS. The callback Lambda may only `kms:Sign` and the JWKS Lambda may only
 * `kms:GetPublicKey`, so the key id cannot come from KMS: it is derived from the key ARN,
 * the same way in both, and stays stable for the key's life.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import type { JWK } from 'jose';
import type { Signer } from '../core/ports.js';
import { derToJose } from './der-signature.js';

/** KMS refuses RAW messages above 4096 bytes; a session token's signing input is far below. */
const MAX_RAW_MESSAGE = 4096;

/** The `kid` of a KMS key: base64url SHA-256 of its ARN, 22 characters (132 bits). */
export function kidForKeyArn(keyArn: string): string {
  return createHash('sha256').update(keyArn).digest('base64url').slice(0, 22);
}

export class KmsSigner implements Signer {
  private readonly currentKid: string;
  /** Public keys by ARN; a failed fetch is forgotten so the next call tries again. */
  private readonly jwks = new Map<string, Promise<JWK>>();

  constructor(
    private readonly client: KMSClient,
    private readonly keyArn: string,
    private readonly previousKeyArns: string[] = [],
  ) {
    this.currentKid = kidForKeyArn(keyArn);
  }

  async kid(): Promise<string> {
    return this.currentKid;
  }

  async sign(signingInput: Uint8Array): Promise<Uint8Array> {
    if (signingInput.length > MAX_RAW_MESSAGE) throw new Error(`signing input of ${signingInput.length} bytes exceeds the KMS RAW limit`);
    const { Signature } = await this.client.send(
      new SignCommand({ KeyId: this.keyArn, Message: signingInput, MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }),
    );
    if (!Signature) throw new Error('KMS Sign returned no signature');
    return derToJose(Signature, 32);
  }

  /**
   * The current key, which must be readable, then every previous key that is: a previous
   * key that fails (disabled, deleted) is left out rather than taking the current one down.
   */
  async publicJwks(): Promise<JWK[]> {
    const current = await this.publicJwk(this.keyArn);
    const previous = await Promise.allSettled(this.previousKeyArns.filter((arn) => arn !== this.keyArn).map((arn) => this.publicJwk(arn)));
    return [current, ...previous.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))];
  }

  private publicJwk(keyArn: string): Promise<JWK> {
    let jwk = this.jwks.get(keyArn);
    if (!jwk) {
      jwk = this.fetchPublicJwk(keyArn);
      this.jwks.set(keyArn, jwk);
      jwk.catch(() => this.jwks.delete(keyArn));
    }
    return jwk;
  }

  private async fetchPublicJwk(keyArn: string): Promise<JWK> {
    const out = await this.client.send(new GetPublicKeyCommand({ KeyId: keyArn }));
    if (out.KeySpec !== 'ECC_NIST_P256' || !out.SigningAlgorithms?.includes('ECDSA_SHA_256') || !out.PublicKey) {
      throw new Error(`KMS key ${keyArn} is not an ECC_NIST_P256 signing key`);
    }
    const { kty, crv, x, y } = createPublicKey({ key: Buffer.from(out.PublicKey), format: 'der', type: 'spki' }).export({ format: 'jwk' });
    return { kty, crv, x, y, kid: kidForKeyArn(keyArn), alg: 'ES256', use: 'sig' };
  }
}
