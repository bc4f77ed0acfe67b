/** The client-credential rules (core/client-auth.ts) the CLI, the setup page and the login share. */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LocalSigner } from '../../lambdas/adapters/local-signer.js';
import { credentialsFor, defaultClientAuth, usesSecret } from '../../lambdas/core/client-auth.js';
import { CLIENT_AUTH_METHODS } from '../../lambdas/core/model.js';

describe('client-credential rules', () => {
  it('says which methods carry a secret', () => {
    expect(CLIENT_AUTH_METHODS.filter(usesSecret)).toEqual(['client_secret_basic', 'client_secret_post']);
  });

  it('defaults to client_secret_basic with a secret and to none (PKCE only) without', () => {
    expect([defaultClientAuth(true), defaultClientAuth(false)]).toEqual(['client_secret_basic', 'none']);
  });

  it('builds the credentials for each method, and refuses a method without what it needs', () => {
    const signer = new LocalSigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    expect(credentialsFor('none', { secret: 's' })).toEqual({ method: 'none' });
    expect(credentialsFor('client_secret_post', { secret: 's' })).toEqual({ method: 'client_secret_post', secret: 's' });
    expect(credentialsFor('private_key_jwt', { signer })).toEqual({ method: 'private_key_jwt', signer });
    expect(() => credentialsFor('client_secret_basic', {})).toThrow('client_secret_basic needs a secret');
    expect(() => credentialsFor('private_key_jwt', {})).toThrow(/signer/);
  });
});
