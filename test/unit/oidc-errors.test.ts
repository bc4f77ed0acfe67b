import * as client from 'openid-client';
import { describe, expect, it } from 'vitest';
import { translate } from '../../lambdas/adapters/oidc.js';
import { AuthError, safeCode } from '../../lambdas/core/errors.js';

describe('translate (openid-client errors → product errors)', () => {
  it('maps a WWW-Authenticate challenge from Okta to an IdP error, not a 500', () => {
    const response = new Response(null, { status: 401 });
    const error = new client.WWWAuthenticateChallengeError('challenge', {
      cause: [{ scheme: 'bearer', parameters: { error: 'invalid_token' } }],
      response,
    } as never);
    expect(translate(error)).toMatchObject({ code: 'idp_error', status: 502, publicMessage: expect.stringContaining('invalid_token') });
  });

  it('maps a network failure to idp_unavailable', () => {
    expect(translate(new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') }))).toMatchObject({
      code: 'idp_unavailable',
      status: 504,
    });
  });

  it('keeps AuthErrors and hides anything unknown as internal', () => {
    const mine = new AuthError('bad_request', 'x');
    expect(translate(mine)).toBe(mine);
    expect(translate(new Error('weird'))).toMatchObject({ code: 'internal_error', expose: false });
  });

  it('shows only plain OAuth error codes', () => {
    expect(safeCode('invalid_grant')).toBe('invalid_grant');
    expect(safeCode('<b>x</b>')).toBe('unknown_error');
    expect(safeCode(undefined)).toBe('unknown_error');
  });
});
