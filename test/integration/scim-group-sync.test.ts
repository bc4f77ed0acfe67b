/**
 * Group names on live sessions never go stale, over real HTTP (local stack, embedded DynamoDB
 * behind a fault proxy and a hold proxy, dev Okta):
 * - a Group Push request whose session update fails answers 500, and Okta's retry of the same
 *   request (the membership already changed) still brings `GET /auth/session` to the truth —
 *   for a PATCH remove and for a DELETE (whose retry must not answer 404 and do nothing);
 * - of two concurrent requests, the one that read the account's names first and writes its
 *   sessions last does not restore a group the other removed;
 * - a sign-in whose session is written after a Group Push changed the account still ends with
 *   the account's current names.
 * A user removed from an admin group must lose it at the session check within 5 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDynamo } from '../../lambdas/dev/embedded-dynamodb.js';
import { startHoldProxy, type HoldProxy } from '../fixtures/dynamo-hold-proxy.js';
import { startFaultyDynamo, type FaultyDynamo } from '../fixtures/faulty-dynamodb.js';
import { GROUP_SCHEMA, oktaUser, PATCH_SCHEMA, scimTenant, sessionCheck, signIn, type ScimTenant } from '../fixtures/scim.js';
import { startTestStack, type TestStack } from '../fixtures/stack.js';

let dynamo: { endpoint: string; close(): Promise<void> };
let hold: HoldProxy;
let faults: FaultyDynamo;
let stack: TestStack;
let acme: ScimTenant;
beforeAll(async () => {
  dynamo = await startEmbeddedDynamo({ port: 0 });
  hold = await startHoldProxy(dynamo.endpoint);
  faults = await startFaultyDynamo(hold.endpoint);
  stack = await startTestStack({ SESSION_TTL_SECONDS: '3600' }, { dynamodbEndpoint: faults.endpoint });
  acme = await scimTenant(stack, 'scimsync');
}, 60_000);
afterAll(async () => {
  await stack?.close();
  await faults?.close();
  await hold?.close();
  await dynamo?.close();
});

/** A session-table UpdateItem that sets group names (what a group write does to live sessions). */
const sessionGroupWrite = (body: Record<string, unknown>) =>
  String(body.TableName).includes('ession') && JSON.stringify(body).includes('groupNames');
/** The next session update is refused (an error the SDK does not retry): the request answers 500. */
const failNextSessionUpdate = () => faults.once('refuse', { operation: 'UpdateItem', when: sessionGroupWrite });

const patch = (id: string, ...Operations: unknown[]) => acme.call('PATCH', `/Groups/${id}`, { schemas: [PATCH_SCHEMA], Operations });
const groupsOf = async (token: string) => JSON.parse((await sessionCheck(acme, token)).body).groups as string[];

let n = 0;
/** A SCIM user, signed in through the dev Okta, in a new group named `group`. */
async function signedInMember(group: string) {
  n++;
  const person = {
    id: `00uscimsync${String(n).padStart(9, '0')}`,
    email: `p${n}@scimsync.example`,
    password: `pw-sync-${n}`,
    name: `Person ${n}`,
  };
  const user = (await acme.call('POST', '/Users', oktaUser(person.email))).json();
  const created = await acme.call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: group, members: [{ value: user.id }] });
  expect(created.status).toBe(201);
  const { token } = await signIn(stack, acme, person);
  expect(await groupsOf(token!)).toEqual([group]);
  return { userId: user.id as string, groupId: created.json().id as string, token: token! };
}

describe('group names on live sessions after a failed session update', () => {
  it("PATCH remove: 500, then Okta's retry of the same request takes the group off the session", async () => {
    const { userId, groupId, token } = await signedInMember('Admins');
    failNextSessionUpdate();
    expect((await patch(groupId, { op: 'remove', path: `members[value eq "${userId}"]` })).status).toBe(500);
    const retry = await patch(groupId, { op: 'remove', path: `members[value eq "${userId}"]` });
    expect([200, 204]).toContain(retry.status);
    expect((await acme.call('GET', `/Groups/${groupId}`)).json().members ?? []).toEqual([]);
    expect(await groupsOf(token)).toEqual([]);
  });

  it("DELETE: 500, then Okta's retry still finds the group and takes it off its former members' sessions", async () => {
    const { groupId, token } = await signedInMember('Operators');
    failNextSessionUpdate();
    expect((await acme.call('DELETE', `/Groups/${groupId}`)).status).toBe(500);
    expect((await acme.call('DELETE', `/Groups/${groupId}`)).status).toBe(204);
    expect((await acme.call('GET', `/Groups/${groupId}`)).status).toBe(404);
    expect(await groupsOf(token)).toEqual([]);
  });
});

describe('concurrent group writes', () => {
  it('an add that read the names first and writes the session last does not restore a group a later remove took away', async () => {
    const { userId, groupId, token } = await signedInMember('Auditors');
    expect([200, 204]).toContain((await patch(groupId, { op: 'remove', path: `members[value eq "${userId}"]` })).status);
    expect(await groupsOf(token)).toEqual([]);

    // Request 1 adds the user back, reads the account's names, and its session write is held.
    const held = hold.holdNext((operation, body) => operation === 'UpdateItem' && sessionGroupWrite(body));
    const add = patch(groupId, { op: 'add', path: 'members', value: [{ value: userId }] });
    await held.arrived;
    // Request 2 removes the user again and finishes first.
    expect([200, 204]).toContain((await patch(groupId, { op: 'remove', path: `members[value eq "${userId}"]` })).status);
    expect(await groupsOf(token)).toEqual([]);
    held.release();
    expect([200, 204]).toContain((await add).status);

    // The truth: no membership, and the session check agrees.
    expect((await acme.call('GET', `/Users/${userId}`)).json().groups).toEqual([]);
    expect(await groupsOf(token)).toEqual([]);
  });
});

describe('a sign-in racing a group change', () => {
  it('a group removed while the callback writes its session is not on that session', async () => {
    n++;
    const person = {
      id: `00uscimsync${String(n).padStart(9, '0')}`,
      email: `p${n}@scimsync.example`,
      password: `pw-sync-${n}`,
      name: `Person ${n}`,
    };
    const user = (await acme.call('POST', '/Users', oktaUser(person.email))).json();
    const group = (
      await acme.call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Leads', members: [{ value: user.id }] })
    ).json();

    // The callback has read the account (in Leads); its session write is held.
    const held = hold.holdNext((operation, body) => operation === 'PutItem' && JSON.stringify(body).includes('"SESSION#'));
    const signingIn = signIn(stack, acme, person);
    await held.arrived;
    expect([200, 204]).toContain((await patch(group.id, { op: 'remove', path: `members[value eq "${user.id}"]` })).status);
    held.release();
    const { token } = await signingIn;

    expect(await groupsOf(token!)).toEqual([]);
  });
});
