/**
 * The SCIM routes over real HTTP (local handlers, embedded DynamoDB): which requests get in
 * (a bearer token of the host's own tenant, from `scim token`; the previous one for 24 hours;
 * none after `scim revoke`), the discovery documents, media types and size limits, routing of
 * `{id}` paths and the SCIM answers of the fallback. Users and Groups themselves: scim-users
 * and scim-groups tests; here they only show that an authenticated request reaches them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { MAX_SCIM_BODY_BYTES } from '../../lambdas/core/scim/body.js';
import { inProcessCli } from '../fixtures/cli.js';
import { TestBrowser, type Response } from '../fixtures/http-client.js';
import { startTestStack, type TestStack } from '../fixtures/stack.js';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const HOUR = 3_600_000;
let stack: TestStack;
let cli: ReturnType<typeof inProcessCli>;
const tokens = new Map<string, string>();

async function tenantWithToken(subdomain: string, at?: Date): Promise<string> {
  await stack.directory.createTenant(
    { subdomain, name: subdomain, issuer: 'https://example.okta.com', clientId: `0oa${subdomain}`, domains: [] },
    new Date(),
  );
  return issue(subdomain, at);
}

async function issue(subdomain: string, at?: Date): Promise<string> {
  const r = await cli(['--json', 'scim', 'token', subdomain], at ? { now: () => at } : {});
  expect(r.code).toBe(0);
  return r.json<{ token: string }>().token;
}

interface Call {
  token?: string;
  authorization?: string;
  body?: string;
  contentType?: string;
  host?: string;
}

/** One SCIM request to `path` under /scim/v2 on the tenant's host. */
function scim(method: string, subdomain: string, path: string, call: Call = {}): Promise<Response> {
  const origin = call.host ?? stack.origin(subdomain);
  const authorization = call.authorization ?? (call.token ? `Bearer ${call.token}` : undefined);
  const headers: Record<string, string> = { accept: 'application/scim+json', ...(authorization ? { authorization } : {}) };
  if (call.body !== undefined) headers['content-type'] = call.contentType ?? 'application/scim+json';
  return new TestBrowser().send(method, `${origin}/scim/v2${path}`, call.body, headers);
}

function expectScimError(res: Response, status: number, scimType?: string): Record<string, unknown> {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toBe('application/scim+json');
  expect(res.headers['cache-control']).toBe('no-store');
  const body = JSON.parse(res.body) as Record<string, unknown>;
  expect(body).toMatchObject({ schemas: [ERROR], status: String(status), detail: expect.any(String) });
  if (scimType) expect(body.scimType).toBe(scimType);
  expect(res.body).not.toMatch(/at .*\.ts:\d+/); // never a stack
  return body;
}

beforeAll(async () => {
  stack = await startTestStack();
  cli = inProcessCli(stack.directory, { sessions: stack.sessions });
  tokens.set('scimco', await tenantWithToken('scimco'));
  tokens.set('rival', await tenantWithToken('rival'));
});
afterAll(() => stack?.close());

describe('authentication', () => {
  it('lets in a token from `scim token` on its own tenant host', async () => {
    const res = await scim('GET', 'scimco', '/ServiceProviderConfig', { token: tokens.get('scimco') });
    expect(res.status).toBe(200);
  });

  it('answers 401 with WWW-Authenticate for a missing, malformed, wrong or Basic credential', async () => {
    const wrong = `scim_${randomBytes(32).toString('base64url')}`;
    for (const call of [
      {},
      { authorization: 'Bearer' },
      { authorization: 'Bearer not-a-token' },
      { token: wrong },
      { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
    ]) {
      const res = await scim('GET', 'scimco', '/Users', call);
      expectScimError(res, 401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
  });

  it("refuses another tenant's token (401), on every route", async () => {
    for (const [method, path] of [
      ['GET', '/ServiceProviderConfig'],
      ['GET', '/Users'],
      ['POST', '/Users'],
      ['GET', '/Users/acc_x'],
      ['PATCH', '/Groups/grp_x'],
      ['DELETE', '/Groups/grp_x'],
    ] as const) {
      expectScimError(
        await scim(method, 'scimco', path, {
          token: tokens.get('rival'),
          body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
        }),
        401,
      );
    }
  });

  it('keeps the previous token working for 24 hours after a new one, and ends older ones (CLI clock moved back)', async () => {
    const now = Date.now();
    const first = await tenantWithToken('rotate', new Date(now - 48 * HOUR));
    // Issued 25 h ago: the first token's 24 hours are over.
    const second = await issue('rotate', new Date(now - 25 * HOUR));
    expectScimError(await scim('GET', 'rotate', '/Schemas', { token: first }), 401);
    expect((await scim('GET', 'rotate', '/Schemas', { token: second })).status).toBe(200);
    // Issued 23 h ago: the second token still has an hour.
    const third = await issue('rotate', new Date(now - 23 * HOUR));
    expect((await scim('GET', 'rotate', '/Schemas', { token: second })).status).toBe(200);
    expect((await scim('GET', 'rotate', '/Schemas', { token: third })).status).toBe(200);
    expectScimError(await scim('GET', 'rotate', '/Schemas', { token: first }), 401);
    // A fresh token now: the third stays for 24 h, the second (older) ends at once.
    const fourth = await issue('rotate');
    expectScimError(await scim('GET', 'rotate', '/Schemas', { token: second }), 401);
    for (const token of [third, fourth]) expect((await scim('GET', 'rotate', '/Schemas', { token })).status).toBe(200);
  });

  it('ends every token with `scim revoke`', async () => {
    const first = await tenantWithToken('revoked');
    const second = await issue('revoked');
    for (const token of [first, second]) expect((await scim('GET', 'revoked', '/Schemas', { token })).status).toBe(200);
    expect((await cli(['scim', 'revoke', 'revoked'])).code).toBe(0);
    for (const token of [first, second]) expectScimError(await scim('GET', 'revoked', '/Schemas', { token }), 401);
  });

  it('answers 404 on an unknown tenant host and on the bare host, whatever the token', async () => {
    expectScimError(await scim('GET', 'nosuchtenant', '/Users', { token: tokens.get('scimco') }), 404);
    const bare = stack.origin('x').replace('//x.', '//');
    expectScimError(await scim('GET', 'scimco', '/Users', { token: tokens.get('scimco'), host: bare }), 404);
  });

  it("answers a disabled tenant's valid token with 403, and a wrong one still with 401", async () => {
    const token = await tenantWithToken('switchedoff');
    expect((await cli(['tenant', 'disable', 'switchedoff'])).code).toBe(0);
    expectScimError(await scim('GET', 'switchedoff', '/Users', { token }), 403);
    expectScimError(await scim('GET', 'switchedoff', '/Users', { token: tokens.get('scimco') }), 401);
  });

  it('never logs the Authorization header or a token', () => {
    const logs = stack.logs.join('\n');
    for (const token of tokens.values()) {
      expect(logs).not.toContain(token);
      expect(logs).not.toContain(token.slice(5, 25));
    }
    expect(logs).not.toMatch(/Bearer scim_/);
  });
});

describe('discovery', () => {
  const get = (path: string) => scim('GET', 'scimco', path, { token: tokens.get('scimco') });

  it('ServiceProviderConfig says what is supported, as application/scim+json', async () => {
    const res = await get('/ServiceProviderConfig');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/scim+json');
    expect(res.headers['cache-control']).toBe('no-store');
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      filter: { supported: true, maxResults: 100 },
      bulk: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      changePassword: { supported: false },
      authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
      meta: { resourceType: 'ServiceProviderConfig', location: `${stack.origin('scimco')}/scim/v2/ServiceProviderConfig` },
    });
  });

  it('ResourceTypes and Schemas list User and Group', async () => {
    const types = JSON.parse((await get('/ResourceTypes')).body);
    expect(types).toMatchObject({ totalResults: 2, startIndex: 1, itemsPerPage: 2 });
    expect(types.Resources.map((r: { id: string; endpoint: string }) => [r.id, r.endpoint])).toEqual([
      ['User', '/Users'],
      ['Group', '/Groups'],
    ]);
    const schemas = JSON.parse((await get('/Schemas')).body);
    expect(schemas.Resources.map((r: { id: string }) => r.id)).toEqual([
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:core:2.0:Group',
    ]);
  });
});

describe('requests and routing', () => {
  const token = () => tokens.get('scimco');

  it('accepts application/scim+json and application/json bodies, and refuses other media types with 415', async () => {
    for (const [i, contentType] of ['application/scim+json', 'application/json', 'application/scim+json; charset=utf-8'].entries()) {
      const res = await scim('POST', 'scimco', '/Users', {
        token: token(),
        body: JSON.stringify({ userName: `media${i}@scimco.example` }),
        contentType,
      });
      expect(res.status).toBe(201);
      expect(res.headers['content-type']).toBe('application/scim+json');
    }
    expectScimError(
      await scim('POST', 'scimco', '/Users', { token: token(), body: 'userName=ada', contentType: 'application/x-www-form-urlencoded' }),
      415,
    );
  });

  it('answers malformed JSON with 400 invalidSyntax, and a body over the limit with 413', async () => {
    expectScimError(await scim('POST', 'scimco', '/Users', { token: token(), body: '{"userName": ' }), 400, 'invalidSyntax');
    expectScimError(
      await scim('PUT', 'scimco', '/Users/acc_x', { token: token(), body: '[1]', contentType: 'application/json' }),
      400,
      'invalidSyntax',
    );
    const large = JSON.stringify({ displayName: 'big', members: [], pad: 'x'.repeat(MAX_SCIM_BODY_BYTES) });
    expectScimError(await scim('PUT', 'scimco', '/Groups/grp_x', { token: token(), body: large }), 413);
    expectScimError(await scim('PUT', 'scimco', '/Groups/grp_x', { token: token(), body: large, contentType: 'application/json' }), 413);
  });

  it('routes every method of the Users and Groups paths, {id} included, to the scim function', async () => {
    for (const [method, path, body] of [
      ['GET', '/Users?filter=userName%20eq%20%22ada%40scimco.example%22&startIndex=1&count=100'],
      ['GET', '/Users/acc_1'],
      ['PUT', '/Users/acc_1', '{}'],
      [
        'PATCH',
        '/Users/acc_1',
        '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}',
      ],
      ['DELETE', '/Users/acc_1'],
      ['GET', '/Groups?excludedAttributes=members'],
      ['POST', '/Groups', '{"displayName":"Sales","members":[]}'],
      ['GET', '/Groups/grp_1'],
      ['PUT', '/Groups/grp_1', '{"displayName":"Sales","members":[]}'],
      [
        'PATCH',
        '/Groups/grp_1',
        '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"acc_1"}]}]}',
      ],
      ['DELETE', '/Groups/grp_1'],
    ] as const) {
      const res = await scim(method, 'scimco', path, { token: token(), body });
      // Authenticated and parsed: answered by the SCIM use case (unknown ids: 404; `{}`: 400), not by the fallback.
      expect([200, 201, 400, 404], `${method} ${path}: ${res.body}`).toContain(res.status);
      expect(res.headers['content-type']).toBe('application/scim+json');
      if (res.status >= 400) expectScimError(res, res.status);
    }
  });

  it('answers unknown SCIM paths with a SCIM 404 and a wrong method with a SCIM 405 and Allow', async () => {
    expectScimError(await scim('POST', 'scimco', '/Bulk', { token: token(), body: '{}' }), 404);
    expectScimError(await scim('GET', 'scimco', '/Users/acc_1/extra', { token: token() }), 404);
    const wrongOnId = await scim('POST', 'scimco', '/Users/acc_1', { token: token(), body: '{}' });
    expectScimError(wrongOnId, 405);
    expect(wrongOnId.headers.allow).toBe('GET, PUT, PATCH, DELETE');
    const wrongOnList = await scim('DELETE', 'scimco', '/Groups', { token: token() });
    expectScimError(wrongOnList, 405);
    expect(wrongOnList.headers.allow).toBe('GET, POST');
  });
});
