/** The route table's `{id}` paths: what API Gateway, the local server and the fallback's 405 agree on. */
import { describe, expect, it } from 'vitest';
import { findRoute, matchPath, methodsFor, routeKey, routesOf } from '../../../lambdas/routes.js';

describe('matchPath', () => {
  it('binds {id} to one whole, non-empty segment, as API Gateway does', () => {
    expect(matchPath('/scim/v2/Users/{id}', '/scim/v2/Users/acc_1')).toEqual({ id: 'acc_1' });
    expect(matchPath('/scim/v2/Users/{id}', '/scim/v2/Users/')).toBeUndefined();
    expect(matchPath('/scim/v2/Users/{id}', '/scim/v2/Users/a/b')).toBeUndefined();
    expect(matchPath('/scim/v2/Users/{id}', '/scim/v2/Groups/a')).toBeUndefined();
    expect(matchPath('/auth/login', '/auth/login')).toEqual({});
    expect(matchPath('$default', '$default')).toBeUndefined();
  });
});

describe('findRoute and methodsFor', () => {
  it('finds the SCIM routes by method and path, {id} included', () => {
    expect(findRoute('GET', '/scim/v2/Users')?.handler).toBe('scim-users-list');
    expect(findRoute('PATCH', '/scim/v2/Users/acc_1')?.handler).toBe('scim-user-patch');
    expect(findRoute('DELETE', '/scim/v2/Groups/grp_1')?.handler).toBe('scim-group-delete');
    expect(findRoute('POST', '/scim/v2/Users/acc_1')).toBeUndefined();
    expect(findRoute('GET', '/auth/login')?.handler).toBe('login-page');
  });

  it('lists the methods of a parameterised path for the 405 Allow header', () => {
    expect(methodsFor('/scim/v2/Users/acc_1')).toEqual(['GET', 'PUT', 'PATCH', 'DELETE']);
    expect(methodsFor('/scim/v2/Groups')).toEqual(['GET', 'POST']);
    expect(methodsFor('/scim/v2/Bulk')).toEqual([]);
  });

  it('gives the scim function every SCIM route and nothing else', () => {
    const keys = routesOf('scim').map(routeKey);
    expect(keys).toHaveLength(15);
    expect(keys.every((k) => / \/scim\/v2\//.test(k))).toBe(true);
  });
});
