/** The credential provider bundled in place of the SDK's chain: Lambda's environment, and nothing else. */
import { afterEach, describe, expect, it } from 'vitest';
import { defaultProvider } from '../../lambdas/adapters/lambda-credentials.js';
import { restoreEnv } from '../fixtures/env.js';

const saved = { ...process.env };
afterEach(() => {
  restoreEnv(saved);
});

describe('lambda credentials', () => {
  it('reads the execution role’s credentials from the environment, session token included', async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' });
    await expect(defaultProvider()()).resolves.toEqual({ accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' });
  });

  it('fails clearly, naming the variables and no value, when they are missing', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    process.env.AWS_SECRET_ACCESS_KEY = 'secret-value';
    await expect(defaultProvider()()).rejects.toThrow(/AWS_ACCESS_KEY_ID/);
    await expect(defaultProvider()()).rejects.not.toThrow(/secret-value/);
  });
});
