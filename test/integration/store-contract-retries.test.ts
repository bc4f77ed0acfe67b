/**
 * Every conditional write of the DynamoDB stores, when DynamoDB applies it and the answer is
 * lost (`500 InternalServerError`, so the SDK sends it again): the call succeeds exactly as
 * its first try would have, and a real second request still loses the race. Real emulators
 * behind the fault-injecting proxy; the SDK's own retries do the resending.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoginTransaction, Session } from '../../lambdas/core/model.js';
import { ConflictError } from '../../lambdas/core/ports.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, localEndpointConfig } from '../../lambdas/adapters/dynamo-client.js';
import { DynamoDirectoryStore } from '../../lambdas/adapters/dynamo-directory.js';
import { DYNAMODB_MAX_ATTEMPTS } from '../../lambdas/adapters/aws-http.js';
import { scanAll, type TestDynamo } from '../fixtures/dynamodb.js';
import { EMULATORS } from '../fixtures/emulators.js';
import type { FaultTarget } from '../fixtures/faulty-dynamodb.js';
import { useFaultySuite } from '../fixtures/faulty-suite.js';

const NOW = new Date();
const NOW_S = Math.floor(NOW.getTime() / 1000);
const ISS = 'https://dev-acme.okta.com';
const tx = (state: string): LoginTransaction => ({
  state,
  tenant: 'acme',
  issuer: ISS,
  clientId: '0oa1',
  redirectUri: 'https://acme.impero.com/auth/callback',
  nonce: 'n',
  codeVerifier: 'v',
  returnTo: '/dashboard',
  bindingHash: 'bh',
  expiresAt: NOW_S + 600,
});
const session = (sid: string): Session => ({
  tenant: 'acme',
  accountId: 'acc_1',
  email: 'ada@acme.example',
  sid,
  createdAt: NOW.toISOString(),
  expiresAt: NOW_S + 3600,
});
const check = { tenant: 'acme', bindingHash: 'bh', nowSeconds: NOW_S };

for (const emulator of EMULATORS) {
  const name = `retried writes on ${emulator.label}`;
  describe.skipIf(emulator.skipReason !== undefined)(emulator.skipReason ? `${name} — skipped: ${emulator.skipReason}` : name, () => {
    const faulty = useFaultySuite(emulator);
    let db: TestDynamo;
    beforeEach(async () => {
      db = await faulty.tables.fresh();
      faulty.proxy.injected.length = 0;
    });
    afterEach(() => db.close());

    /** Loses the answer of the next `operation` on `table`, and afterwards checks it was lost. */
    const loseNext = (operation: string, table: keyof TestDynamo['names'], when?: FaultTarget['when']) =>
      faulty.proxy.once('lose', { operation, table: db.names[table], ...(when ? { when } : {}) });
    const lostCount = () => faulty.proxy.injected.filter((f) => f.kind === 'lose').length;
    const expectLost = (n = 1) => expect(faulty.proxy.injected.filter((f) => f.kind === 'lose')).toHaveLength(n);

    it('login transaction put: the retry succeeds; a second put of the same state is refused', async () => {
      loseNext('PutItem', 'login');
      await db.transactions.put(tx('s1'));
      expectLost();
      expect(await db.loginKeys()).toEqual(['s1']);
      await expect(db.transactions.put({ ...tx('s1'), nonce: 'other' })).rejects.toBeInstanceOf(ConflictError);
    });

    it('login transaction consume: the retry gets the transaction; another consume gets nothing', async () => {
      await db.transactions.put(tx('s2'));
      loseNext('UpdateItem', 'login');
      expect(await db.transactions.consume('s2', check)).toEqual(tx('s2'));
      expectLost();
      expect(await db.transactions.consume('s2', check)).toBeUndefined();
      expect(await db.loginKeys()).toEqual([]);
    });

    it('login transaction consume: a lost answer of the clean-up delete changes nothing', async () => {
      await db.transactions.put(tx('s3'));
      loseNext('DeleteItem', 'login');
      expect(await db.transactions.consume('s3', check)).toEqual(tx('s3'));
      expectLost();
      expect(await db.loginKeys()).toEqual([]);
    });

    it('login transaction consume: of two concurrent consumes exactly one wins, lost answers or not', async () => {
      await db.transactions.put(tx('s4'));
      loseNext('UpdateItem', 'login');
      const results = await Promise.all([db.transactions.consume('s4', check), db.transactions.consume('s4', check)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await db.transactions.consume('s4', check)).toBeUndefined();
    });

    it('a mismatched consume leaves the transaction for the right one', async () => {
      await db.transactions.put(tx('s5'));
      expect(await db.transactions.consume('s5', { ...check, bindingHash: 'wrong' })).toBeUndefined();
      expect(await db.transactions.consume('s5', { ...check, nowSeconds: NOW_S + 600 })).toBeUndefined();
      expect(await db.transactions.consume('s5', check)).toEqual(tx('s5'));
    });

    it('session create: the retry succeeds; a second create of the same sid is refused', async () => {
      loseNext('PutItem', 'sessions');
      await db.sessions.create(session('sid-1'));
      expectLost();
      expect(await db.sessions.get('acme', 'acc_1', 'sid-1', NOW_S)).toEqual(session('sid-1'));
      await expect(db.sessions.create(session('sid-1'))).rejects.toBeInstanceOf(ConflictError);
      expect(await db.sessions.list('acme')).toHaveLength(1);
    });

    it('Universal Logout jti: the retried put is not a replay; the real second use is', async () => {
      loseNext('PutItem', 'sessions');
      expect(await db.sessions.useTokenId('acme', 'jti-1', NOW_S + 300, 'w1')).toBe(true);
      expectLost();
      expect(await db.sessions.useTokenId('acme', 'jti-1', NOW_S + 300, 'w2')).toBe(false);
    });

    it('Universal Logout jti: a put applied while every attempt answered an error is released by its own write id only', async () => {
      const jtiPut = (b: Record<string, unknown>) => JSON.stringify(b).includes('JTI#jti-lost');
      for (let i = 0; i < DYNAMODB_MAX_ATTEMPTS; i++) loseNext('PutItem', 'sessions', jtiPut);
      await expect(db.sessions.useTokenId('acme', 'jti-lost', NOW_S + 300, 'w1')).rejects.toMatchObject({ name: 'InternalServerError' });
      expectLost(DYNAMODB_MAX_ATTEMPTS);
      await db.sessions.releaseTokenId('acme', 'jti-lost', 'w-another-request');
      expect(await db.sessions.useTokenId('acme', 'jti-lost', NOW_S + 300, 'w2')).toBe(false);
      // The failed request releases what it may have written; Okta's retry of the token then goes through.
      await db.sessions.releaseTokenId('acme', 'jti-lost', 'w1');
      expect(await db.sessions.useTokenId('acme', 'jti-lost', NOW_S + 300, 'w3')).toBe(true);
    });

    it('tenant create: lost answers of a domain claim and of the tenant put still create it once', async () => {
      loseNext('PutItem', 'directory', (b) => JSON.stringify(b).includes('DOMAIN#a.example'));
      loseNext('PutItem', 'directory', (b) => JSON.stringify(b).includes('TENANT#acme'));
      const acme = await db.directory.createTenant(
        { subdomain: 'acme', name: 'Acme', issuer: ISS, clientId: 'c', domains: ['a.example'] },
        NOW,
      );
      expectLost(2);
      expect(await db.directory.getTenant('acme')).toEqual(acme);
      expect(await db.directory.tenantForDomain('a.example')).toBe('acme');
      await expect(
        db.directory.createTenant({ subdomain: 'acme', name: 'Other', issuer: ISS, clientId: 'c', domains: [] }, NOW),
      ).rejects.toThrow('tenant "acme" already exists');
      await expect(
        db.directory.createTenant({ subdomain: 'rival', name: 'Rival', issuer: ISS, clientId: 'c', domains: ['a.example'] }, NOW),
      ).rejects.toThrow('email domain "a.example" is already claimed by tenant "acme"');
    });

    it('tenant update: the retry of an applied update is not "changed by someone else"; a real stale update is', async () => {
      await db.directory.createTenant({ subdomain: 'acme', name: 'Acme', issuer: ISS, clientId: 'c', domains: ['old.example'] }, NOW);
      loseNext('UpdateItem', 'directory');
      const renamed = await db.directory.updateTenant('acme', 1, { name: 'Renamed', domains: ['new.example'] }, NOW);
      expectLost();
      expect(renamed).toMatchObject({ name: 'Renamed', version: 2, domains: ['new.example'] });
      expect(await db.directory.getTenant('acme')).toEqual(renamed);
      expect(await db.directory.tenantForDomain('new.example')).toBe('acme');
      expect(await db.directory.tenantForDomain('old.example')).toBeUndefined();
      await expect(db.directory.updateTenant('acme', 1, { name: 'Late' }, NOW)).rejects.toThrow(
        'was changed by someone else (version 2, expected 1)',
      );
    });

    it('tenant update: an applied update whose answer is lost, then another update before the read-back, leaves the new domain claimed', async () => {
      await db.directory.createTenant({ subdomain: 'acme', name: 'Acme', issuer: ISS, clientId: 'c', domains: ['old.example'] }, NOW);
      // Another support agent's update, on its own client straight to the emulator: it lands
      // after ours was applied (answer lost) and before our store reads the tenant back.
      const otherDoc = createDocumentClient({ endpoint: faulty.emulatorEndpoint });
      const other = new DynamoDirectoryStore(otherDoc, db.names.directory);
      let interleaved = false;
      db.doc.middlewareStack.add(
        (next) => async (args) => {
          const input = JSON.stringify((args as { input?: unknown }).input);
          if (!interleaved && lostCount() === 1 && !input.includes('UpdateExpression') && input.includes('TENANT#acme')) {
            interleaved = true;
            await other.updateTenant('acme', 2, { name: 'Renamed by another' }, NOW);
          }
          return next(args);
        },
        { step: 'initialize', name: 'interleaveAnotherUpdate' },
      );
      loseNext('UpdateItem', 'directory');
      await expect(db.directory.updateTenant('acme', 1, { name: 'Renamed', domains: ['new.example'] }, NOW)).rejects.toBeInstanceOf(
        ConflictError,
      );
      expect(interleaved).toBe(true);
      expect(await db.directory.getTenant('acme')).toMatchObject({ name: 'Renamed by another', version: 3, domains: ['new.example'] });
      expect(await db.directory.tenantForDomain('new.example')).toBe('acme');
      otherDoc.destroy();
    });

    it('setup-link writes: a lost answer of counting a failed attempt counts it once', async () => {
      const setup = { tokenHash: 'h', expiresAt: new Date(NOW.getTime() + 86_400_000).toISOString(), failedAttempts: 0 };
      await db.directory.createTenant(
        { subdomain: 'acme', name: 'Acme', issuer: ISS, clientId: 'c', domains: [], status: 'pending', setup },
        NOW,
      );
      loseNext('UpdateItem', 'directory');
      const counted = await db.directory.updateTenant('acme', 1, { setup: { ...setup, failedAttempts: 1 } }, NOW);
      expectLost();
      expect((await db.directory.getTenant('acme'))?.setup).toEqual({ ...setup, failedAttempts: 1 });
      // Two submissions that read version 2: the second one loses.
      await db.directory.updateTenant('acme', counted.version, { setup: { ...setup, failedAttempts: 2 } }, NOW);
      await expect(
        db.directory.updateTenant('acme', counted.version, { setup: { ...setup, failedAttempts: 2 } }, NOW),
      ).rejects.toBeInstanceOf(ConflictError);
    });

    it('account add and import: the retry counts as added; a real second add is refused', async () => {
      await db.directory.createTenant({ subdomain: 'acme', name: 'Acme', issuer: ISS, clientId: 'c', domains: [] }, NOW);
      loseNext('PutItem', 'directory', (b) => JSON.stringify(b).includes('ACCOUNT#ada@acme.example'));
      const ada = await db.directory.addAccount({ tenant: 'acme', email: 'ada@acme.example' }, NOW);
      expectLost();
      expect(await db.directory.getAccountByEmail('acme', 'ada@acme.example')).toEqual(ada);
      await expect(db.directory.addAccount({ tenant: 'acme', email: 'ada@acme.example' }, NOW)).rejects.toThrow('already has an account');

      loseNext('PutItem', 'directory', (b) => JSON.stringify(b).includes('ACCOUNT#bo@acme.example'));
      const rows = ['ada', 'bo', 'cy'].map((n) => ({ tenant: 'acme', email: `${n}@acme.example` }));
      expect(await db.directory.importAccounts(rows, NOW)).toEqual({ added: 2, existing: 1 });
      expectLost(2);
      expect((await scanAll(db.doc, db.names.directory)).filter((i) => String(i.sk).startsWith('ACCOUNT#'))).toHaveLength(3);
    });

    it('account import: a put applied, then throttled past the SDK’s attempts and retried, still counts as added and keeps its id pointer', async () => {
      await db.directory.createTenant({ subdomain: 'acme', name: 'Acme', issuer: ISS, clientId: 'c', domains: [] }, NOW);
      // Two SDK attempts instead of five, so one throttle (not four, with their backoff) exhausts them.
      const client = new DynamoDBClient({ ...localEndpointConfig(faulty.proxy.endpoint), maxAttempts: 2 });
      const directory = new DynamoDirectoryStore(DynamoDBDocumentClient.from(client), db.names.directory);
      const boPut = (b: Record<string, unknown>) => JSON.stringify(b).includes('ACCOUNT#bo@acme.example');
      loseNext('PutItem', 'directory', boPut);
      faulty.proxy.once('throttle', { operation: 'PutItem', table: db.names.directory, when: boPut });
      const rows = ['ada', 'bo'].map((n) => ({ tenant: 'acme', email: `${n}@acme.example` }));
      expect(await directory.importAccounts(rows, NOW)).toEqual({ added: 2, existing: 0 });
      client.destroy();
      expectLost();
      const bo = await db.directory.getAccountByEmail('acme', 'bo@acme.example');
      const pointers = (await scanAll(db.doc, db.names.directory)).filter((i) => String(i.sk).startsWith('ID#'));
      expect(pointers.map((i) => String(i.sk))).toContain(`ID#${bo!.id}`);
      expect(pointers).toHaveLength(2);
    });

    it('account remove: a lost answer of the applied delete still reports the removal and removes the subject link', async () => {
      await db.directory.createTenant({ subdomain: 'acme', name: 'Acme', issuer: ISS, clientId: 'c', domains: [] }, NOW);
      await db.directory.addAccount({ tenant: 'acme', email: 'ada@acme.example' }, NOW);
      await db.directory.linkSubject('acme', 'ada@acme.example', { iss: ISS, sub: '00u1' });
      loseNext('DeleteItem', 'directory', (b) => JSON.stringify(b).includes('ACCOUNT#ada@acme.example'));
      expect(await db.directory.removeAccount('acme', 'ada@acme.example')).toBe(true);
      expectLost();
      expect(await db.directory.getAccountByEmail('acme', 'ada@acme.example')).toBeUndefined();
      expect(await db.directory.getAccountBySubject('acme', ISS, '00u1')).toBeUndefined();
      // The Okta user is free again: a new account in the tenant can be linked to it.
      await db.directory.addAccount({ tenant: 'acme', email: 'ada2@acme.example' }, NOW);
      await expect(db.directory.linkSubject('acme', 'ada2@acme.example', { iss: ISS, sub: '00u1' })).resolves.toMatchObject({
        email: 'ada2@acme.example',
      });
      expect(await db.directory.removeAccount('acme', 'ada@acme.example')).toBe(false);
    });

    it('throttled writes are retried by the SDK and succeed', async () => {
      faulty.proxy.once('throttle', { operation: 'PutItem', table: db.names.sessions });
      await db.sessions.create(session('sid-t'));
      expect(faulty.proxy.injected.map((f) => f.kind)).toEqual(['throttle']);
      expect(await db.sessions.get('acme', 'acc_1', 'sid-t', NOW_S)).toBeDefined();
    });
  });
}
