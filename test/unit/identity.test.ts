import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryDirectoryStore } from '../../lambdas/adapters/memory-directory.js';
import { displayName, resolveAccount } from '../../lambdas/core/identity.js';

const ISS = 'https://acme.okta.com';
const now = new Date('2026-01-01T00:00:00Z');
let store: MemoryDirectoryStore;

beforeEach(async () => {
  store = new MemoryDirectoryStore();
  await store.createTenant(
    { subdomain: 'acme', name: 'Acme', issuer: ISS, clientId: '0oaacme0000000000001', domains: ['acme.example'] },
    now,
  );
  await store.createTenant(
    { subdomain: 'other', name: 'Other', issuer: 'https://other.okta.com', clientId: '0oaother000000000001', domains: [] },
    now,
  );
  await store.addAccount({ tenant: 'acme', email: 'ada@acme.example' }, now);
});

describe('resolveAccount', () => {
  it('matches a first-time user by canonical email and links the Okta subject', async () => {
    const account = await resolveAccount(store, 'acme', { iss: ISS, sub: '00u1', email: ' Ada@ACME.example ', emailVerified: true });
    expect(account.email).toBe('ada@acme.example');
    expect((await store.getAccountByEmail('acme', 'ada@acme.example'))?.subject).toEqual({ iss: ISS, sub: '00u1' });
  });

  it('matches a linked user by subject even when Okta now reports another email', async () => {
    await resolveAccount(store, 'acme', { iss: ISS, sub: '00u1', email: 'ada@acme.example' });
    const account = await resolveAccount(store, 'acme', { iss: ISS, sub: '00u1', email: 'renamed@acme.example' });
    expect(account.email).toBe('ada@acme.example');
  });

  it('accepts a missing email_verified but never false', async () => {
    await expect(
      resolveAccount(store, 'acme', { iss: ISS, sub: '00u1', email: 'ada@acme.example', emailVerified: false }),
    ).rejects.toMatchObject({ code: 'email_not_verified' });
    await expect(resolveAccount(store, 'acme', { iss: ISS, sub: '00u1', email: 'ada@acme.example' })).resolves.toMatchObject({
      email: 'ada@acme.example',
    });
  });

  it('does no folding beyond ASCII case: dots and plus tags are different people', async () => {
    await expect(resolveAccount(store, 'acme', { iss: ISS, sub: '00u2', email: 'a.da@acme.example' })).rejects.toMatchObject({
      code: 'no_account',
    });
    await expect(resolveAccount(store, 'acme', { iss: ISS, sub: '00u2', email: 'ada+x@acme.example' })).rejects.toMatchObject({
      code: 'no_account',
    });
  });

  it('looks for the email only in the tenant being signed in to', async () => {
    await expect(
      resolveAccount(store, 'other', { iss: 'https://other.okta.com', sub: '00u9', email: 'ada@acme.example' }),
    ).rejects.toMatchObject({ code: 'no_account' });
  });

  it('refuses a subject conflict within a tenant, in either direction', async () => {
    await store.addAccount({ tenant: 'acme', email: 'eve@acme.example' }, now);
    await resolveAccount(store, 'acme', { iss: ISS, sub: '00u1', email: 'ada@acme.example' });
    await expect(resolveAccount(store, 'acme', { iss: ISS, sub: '00u2', email: 'ada@acme.example' })).rejects.toMatchObject({
      code: 'identity_conflict',
    });
    await store.linkSubject('acme', 'eve@acme.example', { iss: ISS, sub: '00u2' });
    await store.removeAccount('acme', 'ada@acme.example');
    await store.addAccount({ tenant: 'acme', email: 'ada@acme.example' }, now);
    await expect(resolveAccount(store, 'acme', { iss: ISS, sub: '00u9', email: 'eve@acme.example' })).rejects.toMatchObject({
      code: 'identity_conflict',
    });
  });

  it('links per tenant: one Okta user signs in to accounts in two tenants of one org', async () => {
    await store.addAccount({ tenant: 'other', email: 'ada@acme.example' }, now);
    const user = { iss: ISS, sub: '00u1', email: 'ada@acme.example' };

    const first = await resolveAccount(store, 'acme', user);
    const second = await resolveAccount(store, 'other', user);

    expect([first.tenant, second.tenant]).toEqual(['acme', 'other']);
    expect(await resolveAccount(store, 'acme', { ...user, email: 'renamed@acme.example' })).toEqual(first);
    expect(await resolveAccount(store, 'other', { ...user, email: 'renamed@acme.example' })).toEqual(second);
  });

  it('refuses a deactivated account, linked or not, and leaves it unlinked and deactivated', async () => {
    await store.addAccount({ tenant: 'acme', email: 'eve@acme.example' }, now);
    await resolveAccount(store, 'acme', { iss: ISS, sub: '00u1', email: 'ada@acme.example' });
    await store.setAccountActive('acme', 'ada@acme.example', false);
    await store.setAccountActive('acme', 'eve@acme.example', false);

    await expect(resolveAccount(store, 'acme', { iss: ISS, sub: '00u1', email: 'ada@acme.example' })).rejects.toMatchObject({
      code: 'account_inactive',
      status: 403,
    });
    await expect(resolveAccount(store, 'acme', { iss: ISS, sub: '00u2', email: 'eve@acme.example' })).rejects.toMatchObject({
      code: 'account_inactive',
    });
    const eve = await store.getAccountByEmail('acme', 'eve@acme.example');
    expect(eve).toMatchObject({ active: false });
    expect(eve?.subject).toBeUndefined();
  });

  it('asks for the email to be shared when Okta sends no email', async () => {
    await expect(resolveAccount(store, 'acme', { iss: ISS, sub: '00u3' })).rejects.toMatchObject({
      code: 'no_account',
      messageKey: 'email_not_shared',
      publicMessage: expect.stringContaining('see email addresses'),
    });
  });
});

describe('resolveAccount with JIT', () => {
  const jit = (enabled: boolean, onCreated?: (a: { email: string }) => void) => ({ enabled, domains: ['acme.example'], now, onCreated });
  const newcomer = { iss: ISS, sub: '00unew', email: 'New.Person@acme.example', emailVerified: true, name: 'New Person' };

  it('creates a verified newcomer of a claimed domain, named and linked', async () => {
    const created: string[] = [];
    const account = await resolveAccount(
      store,
      'acme',
      newcomer,
      jit(true, (a) => created.push(a.email)),
    );
    expect(account).toMatchObject({ email: 'new.person@acme.example', name: 'New Person', subject: { iss: ISS, sub: '00unew' } });
    expect(created).toEqual(['new.person@acme.example']);
  });

  it('refuses without JIT, outside the claimed domains, and unless email_verified is true', async () => {
    await expect(resolveAccount(store, 'acme', newcomer, jit(false))).rejects.toMatchObject({ code: 'no_account' });
    await expect(resolveAccount(store, 'acme', { ...newcomer, email: 'x@sub.acme.example' }, jit(true))).rejects.toMatchObject({
      code: 'no_account',
    });
    await expect(resolveAccount(store, 'acme', { ...newcomer, emailVerified: undefined }, jit(true))).rejects.toMatchObject({
      code: 'email_not_verified',
    });
    await expect(resolveAccount(store, 'acme', { ...newcomer, emailVerified: false }, jit(true))).rejects.toMatchObject({
      code: 'email_not_verified',
    });
    expect((await store.listAccounts('acme')).map((a) => a.email)).toEqual(['ada@acme.example']);
  });

  it('never recreates or reactivates a deactivated account', async () => {
    const first = await resolveAccount(store, 'acme', newcomer, jit(true));
    await store.setAccountActive('acme', first.email, false);
    await expect(resolveAccount(store, 'acme', newcomer, jit(true))).rejects.toMatchObject({ code: 'account_inactive' });
    await expect(resolveAccount(store, 'acme', { ...newcomer, sub: '00uother' }, jit(true))).rejects.toMatchObject({
      code: 'identity_conflict',
    });
    expect(await store.listAccounts('acme')).toEqual([expect.objectContaining({ email: 'ada@acme.example' }), { ...first, active: false }]);
  });

  it('creates no account for an email that is not well formed', async () => {
    for (const email of ['a..b@acme.example', '.ada@acme.example', 'ada\u202e@acme.example', 'a b@acme.example', '"ada"@acme.example']) {
      await expect(resolveAccount(store, 'acme', { ...newcomer, email }, jit(true))).rejects.toMatchObject({ code: 'no_account' });
    }
    expect((await store.listAccounts('acme')).map((a) => a.email)).toEqual(['ada@acme.example']);
  });

  it('makes one account when two first sign-ins race', async () => {
    const [a, b] = await Promise.all([
      resolveAccount(store, 'acme', newcomer, jit(true)),
      resolveAccount(store, 'acme', newcomer, jit(true)),
    ]);
    expect(a.id).toBe(b.id);
    expect(await store.listAccounts('acme')).toHaveLength(2);
  });

  it("keeps Okta's given_name and family_name apart on the new account (SCIM name.givenName/familyName), by the same names rule", async () => {
    const account = await resolveAccount(store, 'acme', { ...newcomer, givenName: ' New ', familyName: 'Per\u200bson' }, jit(true));
    expect(account).toMatchObject({ name: 'New Person', givenName: 'New' });
    expect(account.familyName).toBeUndefined();
    expect(await store.getAccountByEmail('acme', newcomer.email)).toMatchObject({ givenName: 'New' });
    const plain = await resolveAccount(
      store,
      'acme',
      { iss: ISS, sub: '00uplain', email: 'plain@acme.example', emailVerified: true, givenName: 'Pia', familyName: 'Lund' },
      jit(true),
    );
    expect(plain).toMatchObject({ name: 'Pia Lund', givenName: 'Pia', familyName: 'Lund' });
  });

  it('names from given_name + family_name, collapses white space and bounds the length', () => {
    expect(displayName({ givenName: 'Ada', familyName: 'Byron' })).toBe('Ada Byron');
    expect(displayName({ name: ' Ada \n\t Lovelace ' })).toBe('Ada Lovelace');
    expect(displayName({ name: 'x'.repeat(300) })).toHaveLength(100);
    expect(displayName({ name: `${'x'.repeat(99)}😀` })).toBe('x'.repeat(99));
    expect(displayName({ name: 'Åse Ølstrøm' })).toBe('Åse Ølstrøm');
    expect(displayName({})).toBeUndefined();
  });

  it('keeps no name that the names rule of --name and CSV refuses (controls, bidi, zero-width)', async () => {
    for (const name of ['Ada\u0007Lovelace', 'Ada \u202egnp.exe', 'Ada\u200bLovelace', 'Ada\u2066Lovelace', '\u2060']) {
      expect(displayName({ name })).toBeUndefined();
    }
    expect(displayName({ givenName: 'Ada\u200f', familyName: 'Lovelace' })).toBeUndefined();
    const account = await resolveAccount(store, 'acme', { ...newcomer, name: 'Mallory \u202eevil' }, jit(true));
    expect(account).toMatchObject({ email: 'new.person@acme.example' });
    expect(account.name).toBeUndefined();
  });
});
