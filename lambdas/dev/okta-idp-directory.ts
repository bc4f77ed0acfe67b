/** The users and app registrations of the development IdP, changeable while it runs. */
import type { ClientMetadata } from 'oidc-provider';

export interface DevUser {
  /** Okta-style user id, e.g. `00u1a2b3c4d5e6f7g8h9`; becomes the ID token's `sub`. */
  id: string;
  email: string;
  password: string;
  name: string;
  givenName?: string;
  familyName?: string;
  /** Default true. */
  emailVerified?: boolean;
  /** Client ids this user is not assigned to: signing in there ends in Okta's `access_denied`. */
  unassignedClients?: string[];
}

/** How an app authenticates at the token endpoint, as an Okta app's "Client authentication" setting. */
export type DevClientAuth =
  | { method: 'none' }
  | { method: 'client_secret_basic' | 'client_secret_post'; secret: string }
  /** Keys fetched from a URL, as an Okta app set to "Public key / Private key" with a JWKS URL. */
  | { method: 'private_key_jwt'; jwksUri: string };

export interface DevClient {
  clientId: string;
  redirectUris: string[];
  /** Default `none` (a public client with PKCE). */
  auth?: DevClientAuth;
  /** Where RP-initiated logout may return to (Okta's "Sign-out redirect URIs"). */
  postLogoutRedirectUris?: string[];
  /** The app's Universal Logout endpoint, as an Okta admin enters it. */
  universalLogoutUri?: string;
  /** The app's Provisioning tab (SCIM): connector base URL and the bearer token support issued. */
  scim?: DevScimConnection;
}

/** What an Okta admin enters under Provisioning → Integration; the token never leaves the dev Okta. */
export interface DevScimConnection {
  /** e.g. `http://demo.localhost:3000/scim/v2` */
  baseUrl: string;
  token: string;
}

/** Okta's exact text when a user is not assigned to the app. */
export const NOT_ASSIGNED = 'User is not assigned to the client application.';

export class DevDirectory {
  private readonly users = new Map<string, DevUser>();
  private readonly clients = new Map<string, DevClient>();

  /** Adds or replaces the user with this id. */
  addUser(user: DevUser): void {
    if (!/^00u[0-9A-Za-z-]+$/.test(user.id)) throw new Error(`dev IdP user id must look like Okta's 00u…, got "${user.id}"`);
    this.users.delete(user.id); // a replaced user counts as the newest
    this.users.set(user.id, { ...user });
  }

  /** Adds the client; registering a known client id again adds its redirect URIs (and replaces its authentication, if given). */
  addClient(client: DevClient): void {
    const known = this.clients.get(client.clientId);
    const merge = (a: string[] = [], b: string[] = []) => [...new Set([...a, ...b])];
    this.clients.set(client.clientId, {
      clientId: client.clientId,
      redirectUris: merge(known?.redirectUris, client.redirectUris),
      auth: client.auth ?? known?.auth,
      postLogoutRedirectUris: merge(known?.postLogoutRedirectUris, client.postLogoutRedirectUris),
      universalLogoutUri: client.universalLogoutUri ?? known?.universalLogoutUri,
      scim: client.scim ?? known?.scim,
    });
  }

  client(clientId: string): DevClient | undefined {
    return this.clients.get(clientId);
  }

  /** Clients with a Universal Logout endpoint. */
  universalLogoutClients(): DevClient[] {
    return [...this.clients.values()].filter((c) => c.universalLogoutUri);
  }

  /** Clients with provisioning (a SCIM connection). */
  provisioningClients(): DevClient[] {
    return [...this.clients.values()].filter((c) => c.scim);
  }

  /** Every user, the most recently added first. */
  allUsers(): DevUser[] {
    return [...this.users.values()].reverse();
  }

  user(id: string): DevUser | undefined {
    return this.users.get(id);
  }

  /** Emails match case-insensitively, as Okta's usernames do. */
  userByEmail(email: string): DevUser | undefined {
    const wanted = email.trim().toLowerCase();
    return [...this.users.values()].find((u) => u.email.toLowerCase() === wanted);
  }

  /** The registration as oidc-provider reads it: a web client, code flow with PKCE. */
  clientMetadata(clientId: string): ClientMetadata | undefined {
    const client = this.clients.get(clientId);
    return client && toMetadata(client);
  }
}

export function toMetadata(client: DevClient): ClientMetadata {
  const auth = client.auth ?? { method: 'none' };
  return {
    client_id: client.clientId,
    application_type: 'web',
    redirect_uris: client.redirectUris,
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: auth.method,
    ...(auth.method === 'client_secret_basic' || auth.method === 'client_secret_post' ? { client_secret: auth.secret } : {}),
    ...(auth.method === 'private_key_jwt' ? { jwks_uri: auth.jwksUri } : {}),
    id_token_signed_response_alg: 'RS256',
    post_logout_redirect_uris: client.postLogoutRedirectUris ?? [],
  };
}
