/**
 * Everything `npm start` runs, in one process: DynamoDB (embedded unless an endpoint is
 * given), the Okta-shaped identity provider, the `/auth/*` and `/scim/v2/*` handlers behind a
 * local HTTP server, and the demo tenant (with a SCIM token only the dev Okta holds). The end-to-end tests start the very same stack.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { loadConfig, tenantOrigin } from '../core/config.js';
import { ENV, formatLocalStackFile, LOCAL_BASE_DOMAIN, LOCAL_FILES, LOG_FORMAT } from '../names.js';
import { createDocumentClient } from '../adapters/dynamo-client.js';
import { DynamoDirectoryStore } from '../adapters/dynamo-directory.js';
import { LocalSecretBox } from '../adapters/local-secret-box.js';
import { ensureTables } from '../adapters/tables.js';
import { issueScimToken } from '../core/scim/token.js';
import { scimBaseUrl } from '../support/scim-commands.js';
import { startEmbeddedDynamo } from './embedded-dynamodb.js';
import { loadHandlers } from './http-adapter.js';
import { startOktaIdp, type OktaIdp } from './okta-idp.js';
import { DEMO, seedDemo } from './seed.js';
import { appListener } from './server.js';

export interface LocalStackOptions {
  /** App port on 127.0.0.1; 0 picks a free one. The identity provider takes port + 1 (or a free one). */
  port: number;
  baseDomain?: string;
  dynamodbEndpoint?: string;
  /** Folder for the local signing key and the stack description the CLI reads. */
  dataDir: string;
  log?: (line: string) => void;
  /** The dev Okta's signing key; a fresh one per start when absent (the tests share one per run). */
  idpSigningKey?: JWK;
}

export interface LocalStack {
  port: number;
  /** Where the dev Okta fetches the client-assertion keys: the bare-host route on 127.0.0.1 (Node cannot resolve *.localhost). */
  clientJwksUri: string;
  /** `http://<subdomain>.<baseDomain>:<port>` */
  origin(subdomain?: string): string;
  idp: OktaIdp;
  dynamodbEndpoint: string;
  close(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const log = options.log ?? (() => undefined);
  const baseDomain = options.baseDomain ?? LOCAL_BASE_DOMAIN;
  const embedded = options.dynamodbEndpoint ? undefined : await startEmbeddedDynamo({ port: 0 });
  const dynamodbEndpoint = options.dynamodbEndpoint ?? embedded!.endpoint;

  // The app port must be known before the handlers read their configuration.
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  mkdirSync(options.dataDir, { recursive: true });
  Object.assign(process.env, {
    [ENV.BASE_DOMAIN]: baseDomain,
    [ENV.PUBLIC_PORT]: String(port),
    [ENV.DYNAMODB_ENDPOINT]: dynamodbEndpoint,
    [ENV.SESSION_KEY_FILE]: join(options.dataDir, LOCAL_FILES.sessionKey),
    [ENV.SECRETS_KEY_FILE]: join(options.dataDir, LOCAL_FILES.secretsKey),
    [ENV.CLIENT_ASSERTION_KEY_FILE]: join(options.dataDir, LOCAL_FILES.clientAssertionKey),
    [ENV.LOG_FORMAT]: process.env[ENV.LOG_FORMAT] ?? LOG_FORMAT.pretty,
  });
  const config = loadConfig();
  const origin = (sub: string = DEMO.subdomain) => tenantOrigin(config, sub);

  const doc = createDocumentClient({ endpoint: dynamodbEndpoint });
  await ensureTables(doc, {
    directory: config.directoryTable,
    login: config.loginTable,
    sessions: config.sessionTable,
    events: config.eventsTable,
  });
  // The demo app is a confidential Okta web app: a fresh secret per start, printed nowhere,
  // handed to the dev Okta and stored sealed in the demo tenant like any other tenant's.
  const demoSecret = randomBytes(30).toString('base64url');
  // Likewise its SCIM token: issued per start, kept only by the dev Okta (its Provisioning page
  // sends it), stored as a hash with the tenant like any `scim token`.
  const demoScim = issueScimToken(undefined, new Date());
  const idp = await startOktaIdp({
    port: options.port === 0 ? 0 : port + 1,
    clients: [
      {
        clientId: DEMO.clientId,
        redirectUris: [`${origin()}/auth/callback`],
        auth: { method: 'client_secret_basic', secret: demoSecret },
        postLogoutRedirectUris: [`${origin()}/auth/login`],
        universalLogoutUri: `${origin()}/auth/universal-logout`,
        scim: { baseUrl: scimBaseUrl(origin()), token: demoScim.token },
      },
    ],
    users: [DEMO.user, DEMO.provisionedUser],
    log,
    signingKey: options.idpSigningKey,
  });
  const sealed = await LocalSecretBox.fromFile(config.secretsKeyFile!).encrypt(demoSecret, DEMO.subdomain);
  await seedDemo(new DynamoDirectoryStore(doc, config.directoryTable), idp.issuer, sealed, demoScim.record);

  server.on('request', appListener(config, await loadHandlers(), log, [idp.issuer]));
  const stackFile = join(options.dataDir, LOCAL_FILES.stack);
  writeFileSync(
    stackFile,
    formatLocalStackFile({
      dynamodbEndpoint,
      directoryTable: config.directoryTable,
      loginTable: config.loginTable,
      sessionTable: config.sessionTable,
      eventsTable: config.eventsTable,
      baseDomain: config.baseDomain,
      port,
      pid: process.pid,
    }),
  );

  return {
    port,
    clientJwksUri: `http://127.0.0.1:${port}/auth/.well-known/client-jwks.json`,
    origin,
    idp,
    dynamodbEndpoint,
    async close() {
      rmSync(stackFile, { force: true });
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await idp.close();
      await embedded?.close();
      doc.destroy();
    },
  };
}
