/**
 * KmsSigner against a stand-in KMS: no real KMS exists on a build machine, so `send` is
 * served by local node:crypto P-256 keys, answering Sign and GetPublicKey as KMS does (DER
 * signatures, SPKI public keys). Tokens are then checked with jose, an independent verifier.
 */
import { createPublicKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { GetPublicKeyCommand, SignCommand, type KMSClient } from '@aws-sdk/client-kms';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { derToJose, SignatureFormatError } from '../../lambdas/adapters/der-signature.js';
import { kidForKeyArn, KmsSigner } from '../../lambdas/adapters/kms-signer.js';
import { issueSessionToken } from '../../lambdas/core/session.js';
import type { Account } from '../../lambdas/core/model.js';

const ARN = 'arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555';
const OLD_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/99999999-8888-7777-6666-555555555555';
const account: Account = { tenant: 'acme', id: 'acc_1', email: 'ada@acme.example', active: true, createdAt: '2026-01-01T00:00:00Z' };
const origin = 'https://acme.impero.com';

/** A KMS stand-in holding P-256 keys by ARN; records every command it receives. */
function fakeKms(arns: string[], options: { broken?: Set<string>; keySpec?: string } = {}) {
  const keys = new Map<string, KeyObject>(arns.map((arn) => [arn, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey]));
  const calls: { name: string; input: Record<string, unknown> }[] = [];
  const derSignatures: Uint8Array[] = [];
  const client = {
    async send(command: unknown) {
      const input = (command as { input: Record<string, unknown> }).input;
      calls.push({ name: (command as object).constructor.name, input });
      const key = keys.get(input.KeyId as string);
      if (!key || options.broken?.has(input.KeyId as string))
        throw Object.assign(new Error('key is disabled'), { name: 'DisabledException' });
      if (command instanceof SignCommand) {
        if (input.MessageType !== 'RAW' || input.SigningAlgorithm !== 'ECDSA_SHA_256') throw new Error('unexpected Sign parameters');
        const der = nodeSign('sha256', input.Message as Uint8Array, { key, dsaEncoding: 'der' });
        derSignatures.push(der);
        return { Signature: new Uint8Array(der), KeyId: input.KeyId };
      }
      if (command instanceof GetPublicKeyCommand) {
        const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
        return {
          PublicKey: new Uint8Array(spki),
          KeySpec: options.keySpec ?? 'ECC_NIST_P256',
          KeyUsage: 'SIGN_VERIFY',
          SigningAlgorithms: ['ECDSA_SHA_256'],
        };
      }
      throw new Error('unexpected command');
    },
  };
  return { client: client as unknown as KMSClient, calls, derSignatures, keys };
}

/** Lengths of r and s as DER wrote them (1–33 bytes). */
function integerLengths(der: Uint8Array): [number, number] {
  const rLength = der[3]!;
  return [rLength, der[4 + rLength + 1]!];
}

describe('KmsSigner', () => {
  it('derives kid from the key ARN without calling KMS (the callback may only kms:Sign)', async () => {
    const kms = fakeKms([ARN]);
    const signer = new KmsSigner(kms.client, ARN);
    expect(await signer.kid()).toBe(kidForKeyArn(ARN));
    expect(await signer.kid()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(kidForKeyArn(ARN)).not.toBe(kidForKeyArn(OLD_ARN));
    expect(kms.calls).toEqual([]);
  });

  it('signs with RAW ECDSA_SHA_256 on the current key only', async () => {
    const kms = fakeKms([ARN, OLD_ARN]);
    await new KmsSigner(kms.client, ARN, [OLD_ARN]).sign(new TextEncoder().encode('header.payload'));
    expect(kms.calls).toEqual([
      { name: 'SignCommand', input: expect.objectContaining({ KeyId: ARN, MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }) },
    ]);
  });

  it('issues tokens that jose verifies against publicJwks, including r/s with leading zero bytes', async () => {
    const kms = fakeKms([ARN]);
    const signer = new KmsSigner(kms.client, ARN);
    const jwks = createLocalJWKSet({ keys: await signer.publicJwks() });
    let short = 0;
    let padded = 0;
    // Sign until DER has shown both a short integer (leading zero byte dropped, p ≈ 1/128 per
    // signature) and a 33-byte one (sign byte added); a few hundred signatures at least.
    for (let i = 0; i < 5000 && (i < 300 || short === 0 || padded === 0); i++) {
      const { token } = await issueSessionToken(signer, account, origin, new Date(), 60);
      const { payload, protectedHeader } = await jwtVerify(token, jwks, { algorithms: ['ES256'], audience: origin });
      expect(protectedHeader.kid).toBe(kidForKeyArn(ARN));
      expect(payload.sub).toBe('acc_1');
      const lengths = integerLengths(kms.derSignatures.at(-1)!);
      short += lengths.filter((n) => n < 32).length;
      padded += lengths.filter((n) => n === 33).length;
    }
    expect(short).toBeGreaterThan(0);
    expect(padded).toBeGreaterThan(0);
  });

  it('publishes current and previous keys as ES256 P-256 JWKs, so tokens from before a rotation still verify', async () => {
    const kms = fakeKms([ARN, OLD_ARN]);
    const before = new KmsSigner(kms.client, OLD_ARN);
    const { token } = await issueSessionToken(before, account, origin, new Date(), 60);
    const after = new KmsSigner(kms.client, ARN, [OLD_ARN]);
    const keys = await after.publicJwks();
    expect(keys.map((k) => k.kid)).toEqual([kidForKeyArn(ARN), kidForKeyArn(OLD_ARN)]);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    }
    await expect(jwtVerify(token, createLocalJWKSet({ keys }), { algorithms: ['ES256'] })).resolves.toBeTruthy();
    expect(decodeProtectedHeader(token).kid).toBe(kidForKeyArn(OLD_ARN));
  });

  it('fetches each public key once per process', async () => {
    const kms = fakeKms([ARN, OLD_ARN]);
    const signer = new KmsSigner(kms.client, ARN, [OLD_ARN]);
    await Promise.all([signer.publicJwks(), signer.publicJwks()]);
    await signer.publicJwks();
    expect(kms.calls.map((c) => c.input.KeyId).sort()).toEqual([ARN, OLD_ARN].sort());
  });

  it('leaves out a previous key KMS refuses, and asks again next time', async () => {
    const kms = fakeKms([ARN, OLD_ARN], { broken: new Set([OLD_ARN]) });
    const signer = new KmsSigner(kms.client, ARN, [OLD_ARN]);
    expect((await signer.publicJwks()).map((k) => k.kid)).toEqual([kidForKeyArn(ARN)]);
    kms.calls.length = 0;
    await signer.publicJwks();
    expect(kms.calls.map((c) => c.input.KeyId)).toEqual([OLD_ARN]);
  });

  it('fails when the current key cannot be read or is not a P-256 signing key', async () => {
    const broken = fakeKms([ARN], { broken: new Set([ARN]) });
    await expect(new KmsSigner(broken.client, ARN).publicJwks()).rejects.toThrow(/disabled/);
    const rsa = fakeKms([ARN], { keySpec: 'RSA_2048' });
    await expect(new KmsSigner(rsa.client, ARN).publicJwks()).rejects.toThrow(/not an ECC_NIST_P256 signing key/);
  });
});

describe('derToJose', () => {
  const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));
  const der = (r: string, s: string) => {
    const body = `02${(r.length / 2).toString(16).padStart(2, '0')}${r}02${(s.length / 2).toString(16).padStart(2, '0')}${s}`;
    return hex(`30${(body.length / 2).toString(16).padStart(2, '0')}${body}`);
  };
  const full = '5a'.repeat(32); // top bit clear: a valid positive 32-byte DER integer

  it('left-pads short integers and drops sign bytes', () => {
    const out = derToJose(der('01', `00${'ff'.repeat(32)}`));
    expect(Buffer.from(out).toString('hex')).toBe(`${'00'.repeat(31)}01${'ff'.repeat(32)}`);
    expect(Buffer.from(derToJose(der('7f'.repeat(31), full))).toString('hex')).toBe(`00${'7f'.repeat(31)}${full}`);
  });

  it('produces what node:crypto verifies as an ieee-p1363 signature', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    for (let i = 0; i < 50; i++) {
      const message = Buffer.from(`message ${i}`);
      const raw = derToJose(nodeSign('sha256', message, { key: privateKey, dsaEncoding: 'der' }));
      expect(raw.length).toBe(64);
      expect(nodeVerify('sha256', message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw)).toBe(true);
    }
  });

  it('accepts a long-form sequence length', () => {
    const body = `0220${full}0220${full}`;
    expect(derToJose(hex(`3081${(body.length / 2).toString(16)}${body}`)).length).toBe(64);
  });

  it.each([
    ['a wrong outer tag', hex(`31 44 0220${full} 0220${full}`)],
    ['a truncated signature', der(full, full).subarray(0, 40)],
    ['trailing bytes', hex(`3044 0220${full} 0220${full} 00`)],
    ['a sequence length that does not match', hex(`3045 0220${full} 0220${full}`)],
    ['an integer longer than the curve', der(`01${full}`, full)],
    ['a negative integer', der('80', full)],
    ['an empty integer', hex(`3024 0200 0220${full}`)],
    ['an empty input', new Uint8Array()],
  ])('rejects %s', (_name, input) => {
    expect(() => derToJose(input)).toThrow(SignatureFormatError);
  });
});
