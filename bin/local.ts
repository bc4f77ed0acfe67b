/** `npm start`: the whole product on this machine. The environment it reads: PORT, BASE_DOMAIN, DYNAMODB_ENDPOINT and the TTLs of lambdas/names.ts. */
import { startLocalStack } from '../lambdas/dev/local-stack.js';
import { DEMO } from '../lambdas/dev/seed.js';
import { ENV, LOCAL_DATA_DIR, LOG_FORMAT } from '../lambdas/names.js';

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65534) {
  console.error(`error: PORT must be a port number, got "${process.env.PORT}"`);
  process.exit(1);
}
process.env[ENV.LOG_FORMAT] ??= LOG_FORMAT.pretty;
// The SDK's notice that its 2027 releases need Node 22 is not news to a developer running this.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

try {
  const stack = await startLocalStack({
    port,
    baseDomain: process.env[ENV.BASE_DOMAIN],
    dynamodbEndpoint: process.env[ENV.DYNAMODB_ENDPOINT] || undefined,
    dataDir: LOCAL_DATA_DIR,
    log: (line) => console.log(line),
  });
  console.log(`
Impero SSO is running.

  Open:      ${stack.origin()}/auth/login
  Sign in:   ${DEMO.user.email}  /  password: ${DEMO.user.password}
  Okta:      ${stack.idp.issuer}  (development identity provider)
  Logout:    ${stack.idp.issuer}/dev/universal-logout  (Okta's Universal Logout, to end a user's sessions)
  Provision: ${stack.idp.issuer}/dev/provisioning  (Okta's SCIM provisioning: create, deactivate, reactivate a user, push a group)
             then sign in as ${DEMO.provisionedUser.email}  /  password: ${DEMO.provisionedUser.password}
  DynamoDB:  ${stack.dynamodbEndpoint}   (support CLI: npm run cli -- --local …)

Press Ctrl+C to stop.
`);
  const stop = () => void stack.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`error: could not start: ${(error as Error).message}`);
  process.exit(1);
}
