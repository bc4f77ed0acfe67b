/**
 * Bundled into every Lambda in place of `@aws-sdk/credential-provider-node` (an esbuild alias,
 * `lib/constructs/service-function.ts`). Lambda puts the execution role's credentials in the
 * environment, the first place the SDK's default chain looks; the rest of the chain (profiles,
 * SSO, web identity, containers, instance metadata, and the STS/SSO clients they carry) is
 * about a fifth of a function's bundle and is never reached there. Local runs and the CLI
 * do not bundle: they keep the SDK's own chain.
 */

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const defaultProvider = () => async (): Promise<Credentials> => {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = process.env;
  if (!accessKeyId || !secretAccessKey) throw new Error('no AWS credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)');
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
};

// The package's other exports, for completeness of the alias: environment credentials never need refreshing here.
export const credentialsWillNeedRefresh = () => false;
export const credentialsTreatedAsExpired = () => false;
