/** The demo tenant and users that `npm start` signs in and provisions with. */
import type { DirectoryStore } from '../core/ports.js';
import type { ScimTokenRecord } from '../core/scim/token.js';
import type { DevUser } from './okta-idp.js';

export const DEMO = {
  subdomain: 'demo',
  name: 'Demo Company',
  clientId: '0oaimperodemo0000001',
  domain: 'example.com',
  user: {
    id: '00udemo0000000000001',
    email: 'ada.lovelace@example.com',
    password: 'correct-horse-battery',
    name: 'Ada Lovelace',
  } satisfies DevUser,
  /** In the dev Okta only: she gets an Impero account when the dev Okta's Provisioning page creates her over SCIM. */
  provisionedUser: {
    id: '00udemo0000000000002',
    email: 'grace.hopper@example.com',
    password: 'cobol-compiler-1959',
    name: 'Grace Hopper',
    givenName: 'Grace',
    familyName: 'Hopper',
  } satisfies DevUser,
} as const;

/**
 * Makes the demo tenant point at this run's identity provider with this run's client secret
 * (sealed like any tenant's) and this run's SCIM token (its hash: `scim`; any older token
 * ends), and makes sure the demo account exists. An account linked to a previous run's
 * issuer (a kept DynamoDB, another port) is removed, and Ada's made again.
 */
export async function seedDemo(
  directory: DirectoryStore,
  issuer: string,
  clientSecretCiphertext: string,
  scim: ScimTokenRecord,
  now = new Date(),
): Promise<void> {
  const existing = await directory.getTenant(DEMO.subdomain);
  const app = { issuer, clientId: DEMO.clientId, clientAuth: 'client_secret_basic', clientSecretCiphertext } as const;
  const tenant = existing
    ? await directory.updateTenant(DEMO.subdomain, existing.version, { ...app, status: 'active' }, now)
    : await directory.createTenant({ subdomain: DEMO.subdomain, name: DEMO.name, domains: [DEMO.domain], ...app }, now);
  await directory.updateTenant(DEMO.subdomain, tenant.version, { scim }, now);
  for (const user of [DEMO.user, DEMO.provisionedUser]) {
    const account = await directory.getAccountByEmail(DEMO.subdomain, user.email);
    if (account?.subject && account.subject.iss !== issuer) await directory.removeAccount(DEMO.subdomain, user.email);
  }
  const account = await directory.getAccountByEmail(DEMO.subdomain, DEMO.user.email);
  if (!account) await directory.addAccount({ tenant: DEMO.subdomain, email: DEMO.user.email, name: DEMO.user.name }, now);
}
