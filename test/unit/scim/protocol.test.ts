/** Request bodies, error bodies and discovery documents of the SCIM layer. */
import { describe, expect, it } from 'vitest';
import { MAX_SCIM_BODY_BYTES, parseScimBody } from '../../../lambdas/core/scim/body.js';
import { discoveryList, resourceTypes, schemas, serviceProviderConfig } from '../../../lambdas/core/scim/discovery.js';
import { scimError } from '../../../lambdas/core/scim/errors.js';
import { scimFailure } from '../../../lambdas/core/scim/outcome.js';
import { BASE } from './fixture.js';

describe('parseScimBody', () => {
  it('accepts application/scim+json, application/json and no type', () => {
    for (const type of ['application/scim+json', 'application/json; charset=utf-8', undefined])
      expect(parseScimBody('{"a":1}', type)).toEqual({ a: 1 });
  });

  it.each([
    ['{', 'application/scim+json', 400, 'invalidSyntax'],
    ['[1]', 'application/scim+json', 400, 'invalidSyntax'],
    ['null', 'application/json', 400, 'invalidSyntax'],
    ['{}', 'text/plain', 415, undefined],
    [`{"a":"${'x'.repeat(MAX_SCIM_BODY_BYTES)}"}`, 'application/json', 413, undefined],
  ])('refuses %#', (raw, type, status, scimType) => {
    const outcome = scimFailure(captured(() => parseScimBody(raw, type)));
    expect(outcome.status).toBe(status);
    expect(outcome.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: String(status),
      ...(scimType ? { scimType } : {}),
    });
    expect(outcome.headers['content-type']).toBe('application/scim+json');
  });
});

function captured(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('scimFailure', () => {
  it('hides the cause of an unexpected error behind a 500 and keeps it for the log', () => {
    const outcome = scimFailure(new Error('secret internals'));
    expect(outcome.body).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '500', detail: expect.any(String) });
    expect(JSON.stringify(outcome.body)).not.toContain('secret internals');
    expect((outcome.error?.cause as Error).message).toBe('secret internals');
  });

  it('answers 401 with a Bearer challenge', () => {
    expect(scimFailure(scimError.unauthorized())).toMatchObject({ status: 401, headers: { 'www-authenticate': 'Bearer realm="scim"' } });
  });
});

describe('discovery', () => {
  it('ServiceProviderConfig says what is supported', () => {
    expect(serviceProviderConfig(BASE)).toMatchObject({
      patch: { supported: true },
      filter: { supported: true, maxResults: 100 },
      bulk: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      changePassword: { supported: false },
      authenticationSchemes: [{ type: 'oauthbearertoken' }],
    });
  });

  it('ResourceTypes and Schemas name User and Group with the attributes kept', () => {
    expect(discoveryList(resourceTypes(BASE))).toMatchObject({
      totalResults: 2,
      Resources: [
        { id: 'User', endpoint: '/Users' },
        { id: 'Group', endpoint: '/Groups' },
      ],
    });
    const [user, group] = schemas(BASE) as { attributes: { name: string }[] }[];
    expect(user!.attributes.map((a) => a.name)).toEqual(['userName', 'name', 'displayName', 'emails', 'active', 'externalId', 'groups']);
    expect(group!.attributes.map((a) => a.name)).toEqual(['displayName', 'externalId', 'members']);
  });
});
