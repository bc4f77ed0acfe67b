/** The demo tenant and user that `npm start` signs in with. */
import type { DirectoryStore } from '../core/ports.js';
import type { DevUser } from './okta-idp.js';

export const DEMO = {
  subdomain: 'demo',
  name: 'Demo Company',
  clientId: '0oaimperodemo0000001',
  domain: 'example.com',
  user: { id: '00udemo0000000000001', email: 'ada.lovelace@example.com', password: 'correct-horse-battery', name: 'Ada Lovelace' } satisfies DevUser,
} as const;

/**
 * Makes the demo tenant point at this run's identity provider with this run's client secret
 * (sealed like any tenant's), and makes sure the demo account exists and is not linked to a
 * previous run's issuer.
 */
export async function seedDemo(directory: DirectoryStore, issuer: string, clientSecretCiphertext: string, now = new Date()): Promise<void> {
  const existing = await directory.getTenant(DEMO.subdomain);
  const app = { issuer, clientId: DEMO.clientId, clientAuth: 'client_secret_basic', clientSecretCiphertext } as const;
  if (!existing) {
    await directory.createTenant({ subdomain: DEMO.subdomain, name: DEMO.name, domains: [DEMO.domain], ...app }, now);
  } else {
    await directory.updateTenant(DEMO.subdomain, existing.version, { ...app, status: 'active' }, now);
  }
  const account = await directory.getAccountByEmail(DEMO.subdomain, DEMO.user.email);
  if (account?.subject && account.subject.iss !== issuer) await directory.removeAccount(DEMO.subdomain, DEMO.user.email);
  if (!account || (account.subject && account.subject.iss !== issuer)) {
    await directory.addAccount({ tenant: DEMO.subdomain, email: DEMO.user.email, name: DEMO.user.name }, now);
  }
}
