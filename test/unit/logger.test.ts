import { describe, expect, it } from 'vitest';
import { redact } from '../../lambdas/adapters/logger.js';

describe('redact', () => {
  it('drops fields whose names suggest secrets and keeps the rest', () => {
    const fields = { tenant: 'acme', code: 'c', id_token: 't', accessToken: 't', codeVerifier: 'v', state: 's', nonce: 'n', cookie: 'k', clientSecret: 'x', password: 'p', errorCode: 'idp_error', status: 502 };
    expect(redact(fields)).toEqual({ tenant: 'acme', errorCode: 'idp_error', status: 502 });
  });
});
