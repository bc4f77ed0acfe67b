/** What the customer's Okta admin enters in the Impero app: printed by the CLI, shown on the setup page. */
import type { Tenant } from './model.js';

/** Okta's "Sign-in redirect URIs" entry: the callback every login and the self-test send as `redirect_uri`. */
export const signInRedirectUri = (origin: string): string => `${origin}/auth/callback`;
/** Where Okta fetches Impero's client-assertion keys (private_key_jwt). */
export const clientJwksUrl = (origin: string): string => `${origin}/auth/.well-known/client-jwks.json`;

export interface ConfigSheet {
  signInRedirectUri: string;
  initiateLoginUri: string;
  /** Okta's "Sign-out redirect URIs": where Okta sends the browser back after signing out. */
  signOutRedirectUri: string;
  /** Okta's Universal Logout endpoint (global token revocation). */
  universalLogoutEndpoint: string;
  /** Only for private_key_jwt: where Okta fetches Impero's client-assertion keys. */
  clientJwksUrl?: string;
  /** Value of the app's `subdomain` variable. */
  subdomain: string;
  /** Where the customer's users sign in. */
  loginUrl: string;
}

export function configSheet(tenant: Pick<Tenant, 'subdomain' | 'clientAuth'>, origin: string): ConfigSheet {
  return {
    signInRedirectUri: signInRedirectUri(origin),
    initiateLoginUri: `${origin}/auth/authorize`,
    signOutRedirectUri: `${origin}/auth/login`,
    universalLogoutEndpoint: `${origin}/auth/universal-logout`,
    ...(tenant.clientAuth === 'private_key_jwt' ? { clientJwksUrl: clientJwksUrl(origin) } : {}),
    subdomain: tenant.subdomain,
    loginUrl: `${origin}/auth/login`,
  };
}
