/** startIndex/count parsing (RFC 7644 §3.4.2.4) and the cost of walking a listing page by page. */
import { describe, expect, it } from 'vitest';
import { parsePaging } from '../../../lambdas/core/scim/paging.js';
import { listUsers } from '../../../lambdas/core/scim/users.js';
import { oktaUser, scimTenant } from './fixture.js';
import { createUser } from '../../../lambdas/core/scim/users.js';

describe('parsePaging', () => {
  it.each([
    [{}, { startIndex: 1, count: 100 }],
    [
      { startIndex: '0', count: '-5' },
      { startIndex: 1, count: 0 },
    ],
    [
      { startIndex: '-3', count: '1000' },
      { startIndex: 1, count: 100 },
    ],
    [
      { startIndex: '201', count: '100' },
      { startIndex: 201, count: 100 },
    ],
    [
      { startIndex: ' 2 ', count: '' },
      { startIndex: 2, count: 100 },
    ],
  ])('reads %o as %o', (query, paging) => expect(parsePaging(query)).toEqual(paging));

  it.each(['1.0', 'abc', '1e3', '0x10', '9999999999999999'])('refuses %s with 400 invalidValue', (value) => {
    expect(() => parsePaging({ startIndex: value })).toThrow(expect.objectContaining({ status: 400, scimType: 'invalidValue' }));
    expect(() => parsePaging({ count: value })).toThrow(expect.objectContaining({ status: 400, scimType: 'invalidValue' }));
  });
});

describe('walking Users as Okta imports (count=100)', () => {
  async function tenantOf(n: number) {
    const t = scimTenant();
    for (let i = 0; i < n; i++) await createUser(t.deps, t.req(), oktaUser(`user${i}@example.com`));
    t.directory.itemsRead = 0;
    return t;
  }

  it('pages 250 accounts in a stable order, each exactly once, reading about N items in all', async () => {
    const t = await tenantOf(250);
    const seen: string[] = [];
    for (const startIndex of [1, 101, 201]) {
      const outcome = await listUsers(t.deps, t.req(), { startIndex: String(startIndex), count: '100' });
      expect(outcome.body).toMatchObject({ totalResults: 250, startIndex });
      seen.push(...(outcome.body!.Resources as { id: string }[]).map((r) => r.id));
    }
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    expect(seen).toEqual([...seen].sort());
    // One count (250) on page 1, then 250 items: no page re-reads the ones before it.
    expect(t.directory.itemsRead).toBe(500);
  });

  it('answers a jump ahead without a mark by skipping once, and past the end with an empty page', async () => {
    const t = await tenantOf(30);
    const page = await listUsers(t.deps, t.req(), { startIndex: '21', count: '100' });
    expect(page.body).toMatchObject({ totalResults: 30, startIndex: 21, itemsPerPage: 10 });
    expect((await listUsers(t.deps, t.req(), { startIndex: '31' })).body).toMatchObject({
      totalResults: 30,
      itemsPerPage: 0,
      Resources: [],
    });
  });

  it('count=0 gives totalResults only', async () => {
    const t = await tenantOf(3);
    expect((await listUsers(t.deps, t.req(), { count: '0' })).body).toMatchObject({ totalResults: 3, itemsPerPage: 0, Resources: [] });
  });
});
