/**
 * The client-credential rules, one place for the CLI, the setup page and the login: which
 * client authentication methods carry a client secret, which method applies when none is
 * named, and the credentials a login (and the self-test, which must authenticate exactly as
 * the login will) sends to the tenant's token endpoint.
 */
import type { ClientAuthMethod } from './model.js';
import type { ClientCredentials, Signer } from './ports.js';

/** Whether a method authenticates with a client secret (and so needs one stored, sealed). */
export const usesSecret = (method: ClientAuthMethod): boolean => method === 'client_secret_basic' || method === 'client_secret_post';

/**
 * The method when none is named: `client_secret_basic` (Okta's default for a Web app with a
 * secret) when a secret is given, else `none` (PKCE only).
 */
export const defaultClientAuth = (hasSecret: boolean): ClientAuthMethod => (hasSecret ? 'client_secret_basic' : 'none');

/**
 * The credentials for `method`: a secret method takes the opened secret, `private_key_jwt`
 * the client-assertion signer. A missing one is a programming error, never user input.
 */
export function credentialsFor(method: ClientAuthMethod, material: { secret?: string; signer?: Signer }): ClientCredentials {
  switch (method) {
    case 'none':
      return { method };
    case 'private_key_jwt':
      if (!material.signer) throw new Error('private_key_jwt needs the client-assertion signer');
      return { method, signer: material.signer };
    case 'client_secret_basic':
    case 'client_secret_post':
      if (material.secret === undefined) throw new Error(`${method} needs a secret`);
      return { method, secret: material.secret };
  }
}
