/** The users and app registrations of the development IdP, changeable while it runs. */
import type { ClientMetadata } from 'oidc-provider';

export interface DevUser {
  /** Okta-style user id, e.g. `00u1a2b3c4d5e6f7g8h9`; becomes the ID token's `sub`. */
  id: string;
  email: string;
  password: string;
  name: string;
  /** Default true. */
  emailVerified?: boolean;
  /** Client ids this user is not assigned to: signing in there ends in Okta's `access_denied`. */
  unassignedClients?: string[];
}

export interface DevClient {
  clientId: string;
  redirectUris: string[];
}

/** Okta's exact text when a user is not assigned to the app. */
export const NOT_ASSIGNED = 'User is not assigned to the client application.';

export class DevDirectory {
  private readonly users = new Map<string, DevUser>();
  private readonly clients = new Map<string, DevClient>();

  /** Adds or replaces the user with this id. */
  addUser(user: DevUser): void {
    if (!/^00u[0-9A-Za-z-]+$/.test(user.id)) throw new Error(`dev IdP user id must look like Okta's 00u…, got "${user.id}"`);
    this.users.set(user.id, { ...user });
  }

  /** Adds the client; registering a known client id again adds its redirect URIs. */
  addClient(client: DevClient): void {
    const known = this.clients.get(client.clientId)?.redirectUris ?? [];
    this.clients.set(client.clientId, { clientId: client.clientId, redirectUris: [...new Set([...known, ...client.redirectUris])] });
  }

  user(id: string): DevUser | undefined {
    return this.users.get(id);
  }

  /** Emails match case-insensitively, as Okta's usernames do. */
  userByEmail(email: string): DevUser | undefined {
    const wanted = email.trim().toLowerCase();
    return [...this.users.values()].find((u) => u.email.toLowerCase() === wanted);
  }

  /** The registration as oidc-provider reads it: a public web client, code flow with PKCE. */
  clientMetadata(clientId: string): ClientMetadata | undefined {
    const client = this.clients.get(clientId);
    return client && toMetadata(client);
  }
}

export function toMetadata(client: DevClient): ClientMetadata {
  return {
    client_id: client.clientId,
    application_type: 'web',
    redirect_uris: client.redirectUris,
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'none',
    id_token_signed_response_alg: 'RS256',
  };
}
