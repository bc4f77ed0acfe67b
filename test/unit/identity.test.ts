import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryDirectoryStore } from '../../lambdas/adapters/memory-directory.js';
import { displayName, resolveAccount } from '../../lambdas/core/identity.js';

const ISS = 'https://acme.okta.com';
const now = new Date('2026-01-01T00:00:00Z');
let store: MemoryDirectoryStore;

beforeEach(async () => {
  store = new MemoryDirectoryStore();
  await store.createTenant({ subdomain: 'acme', name: 'Acme', issuer: ISS, clientId: '0oaacme0000000000001', domains: ['acme.example'] }, now);
  await store.createTenant({ subdomain: 'other', name: 'Other', issuer: 'https://other.okta.com', clientId: '0oaother000000000001', domains: [] }, now);
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
    await expect(resolveAccount(store, 'acme', { iss: ISS, sub: '00u1', email: 'ada@acme.example', emailVerified: false })).rejects.toMatchObject({ code: 'email_not_verified' });
    await expect(resolveAccount(store, 'acme', { iss: ISS, sub: '00u1', email: 'ada@acme.example' })).resolves.toMatchObject({ email: 'ada@acme.example' });
  });

  it('does no folding beyond ASCII case: dots and plus tags are different people', async () => {
    await expect(resolveAccount(store, 'acme', { iss: ISS, sub: '00u2', email: 'a.da@acme.example' })).rejects.toMatchObject({ code: 'no_account' });
    await expect(resolveAccount(store, 'acme', { iss: ISS, sub: '00u2', email: 'ada+x@acme.example' })).rejects.toMatchObject({ code: 'no_account' });
  });

  it('looks for the email only in the tenant being signed in to', async () => {
    await expect(resolveAccount(store, 'other', { iss: 'https://other.okta.com', sub: '00u9', email: 'ada@acme.example' })).rejects.toMatchObject({ code: 'no_account' });
  });

  it('refuses a subject conflict in either direction', async () => {
    await resolveAccount(store, 'acme', { iss: ISS, sub: '00u1', email: 'ada@acme.example' });
    await expect(resolveAccount(store, 'acme', { iss: ISS, sub: '00u2', email: 'ada@acme.example' })).rejects.toMatchObject({ code: 'identity_conflict' });
    await expect(resolveAccount(store, 'other', { iss: ISS, sub: '00u1', email: 'ada@acme.example' })).rejects.toMatchObject({ code: 'identity_conflict' });
  });

  it('asks for the email to be shared when Okta sends no email', async () => {
    await expect(resolveAccount(store, 'acme', { iss: ISS, sub: '00u3' })).rejects.toMatchObject({ code: 'no_account', messageKey: 'email_not_shared', publicMessage: expect.stringContaining('see email addresses') });
  });
});

describe('resolveAccount with JIT', () => {
  const jit = (enabled: boolean, onCreated?: (a: { email: string }) => void) => ({ enabled, domains: ['acme.example'], now, onCreated });
  const newcomer = { iss: ISS, sub: '00unew', email: 'New.Person@acme.example', emailVerified: true, name: 'New Person' };

  it('creates a verified newcomer of a claimed domain, named and linked', async () => {
    const created: string[] = [];
    const account = await resolveAccount(store, 'acme', newcomer, jit(true, (a) => created.push(a.email)));
    expect(account).toMatchObject({ email: 'new.person@acme.example', name: 'New Person', subject: { iss: ISS, sub: '00unew' } });
    expect(created).toEqual(['new.person@acme.example']);
  });

  it('refuses without JIT, outside the claimed domains, and unless email_verified is true', async () => {
    await expect(resolveAccount(store, 'acme', newcomer, jit(false))).rejects.toMatchObject({ code: 'no_account' });
    await expect(resolveAccount(store, 'acme', { ...newcomer, email: 'x@sub.acme.example' }, jit(true))).rejects.toMatchObject({ code: 'no_account' });
    await expect(resolveAccount(store, 'acme', { ...newcomer, emailVerified: undefined }, jit(true))).rejects.toMatchObject({ code: 'email_not_verified' });
    await expect(resolveAccount(store, 'acme', { ...newcomer, emailVerified: false }, jit(true))).rejects.toMatchObject({ code: 'email_not_verified' });
    expect((await store.listAccounts('acme')).map((a) => a.email)).toEqual(['ada@acme.example']);
  });

  it('makes one account when two first sign-ins race', async () => {
    const [a, b] = await Promise.all([resolveAccount(store, 'acme', newcomer, jit(true)), resolveAccount(store, 'acme', newcomer, jit(true))]);
    expect(a.id).toBe(b.id);
    expect(await store.listAccounts('acme')).toHaveLength(2);
  });

  it('names from given_name + family_name, cleans control characters and bounds the length', () => {
    expect(displayName({ givenName: 'Ada', familyName: 'Byron' })).toBe('Ada Byron');
    expect(displayName({ name: 'Ada\u0007 \n Lovelace' })).toBe('Ada Lovelace');
    expect(displayName({ name: 'x'.repeat(300) })).toHaveLength(100);
    expect(displayName({})).toBeUndefined();
  });
});
