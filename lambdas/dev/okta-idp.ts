/**
 * The Okta-shaped development identity provider that `npm start` and the tests sign in at:
 * a real OpenID provider (oidc-provider) on http://127.0.0.1:<port>, shaped like an Okta org
 * authorization server. Local-only; never bundled into a Lambda.
 */
import { generateKeyPair, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { calculateJwkThumbprint, type JWK, type JWTPayload } from 'jose';
import type { OIDCProviderError, Provider } from 'oidc-provider';
import { negotiateLang } from '../core/language.js';
import { INTERACTION_PATH, OKTA_ROUTES, providerConfiguration } from './okta-idp-config.js';
import { DevDirectory, toMetadata, type DevClient, type DevUser } from './okta-idp-directory.js';
import { interactionHandler } from './okta-idp-interaction.js';
import { errorPage, idpPageHeaders } from './okta-idp-pages.js';
import { PROVISIONING_PAGE, provisioningHandler } from './okta-idp-provisioning.js';
import {
  sendUniversalLogout,
  signWithOrgKey,
  UNIVERSAL_LOGOUT_PAGE,
  universalLogoutHandler,
  type LogoutSubject,
} from './okta-idp-universal-logout.js';

export { NOT_ASSIGNED, type DevClientAuth, type DevUser } from './okta-idp-directory.js';

export interface OktaIdp {
  /** `http://127.0.0.1:<port>`, no path, like an Okta org's issuer. */
  issuer: string;
  close(): Promise<void>;
  /** Registers an app; registering a known client id again adds its redirect URIs (and sets its authentication, if given). */
  addClient(client: DevClient): void;
  /** Adds (or replaces, by id) a user who can sign in. */
  addUser(user: DevUser): void;
  /** Signs a JWT with the org's own RS256 key (Universal Logout tokens, and malformed ones in tests). */
  sign(header: Record<string, unknown>, payload: JWTPayload): Promise<string>;
  /** Sends Okta's Universal Logout for `subject` to the client's registered endpoint; returns the HTTP status. */
  universalLogout(clientId: string, subject: LogoutSubject): Promise<number>;
  /** Holds the next token request unanswered (a slow Okta) until `release`; `arrived` settles when it comes in. */
  holdNextTokenRequest(): { arrived: Promise<void>; release(): void };
}

export interface OktaIdpOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  users?: DevUser[];
  clients?: DevClient[];
  /** One readable line per event; never carries codes, tokens or passwords. */
  log?: (line: string) => void;
  /** The org's RS256 private key (a JWK with `kid`); a fresh one per start when absent. */
  signingKey?: JWK;
}

let oidcProvider: Promise<typeof Provider> | undefined;

/** oidc-provider warns on import that Node 20 is not its favourite LTS; that line is noise here. */
function loadProvider(): Promise<typeof Provider> {
  oidcProvider ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => (String(args[0]).includes('Unsupported runtime') ? undefined : warn(...args));
    try {
      return (await import('oidc-provider')).default;
    } finally {
      console.warn = warn;
    }
  })();
  return oidcProvider;
}

/** A fresh RS256 signing key, with its RFC 7638 thumbprint as `kid`. */
export async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
}

function logEvents(provider: Provider, log: (line: string) => void): void {
  const describe = (err: OIDCProviderError) => `${err.error}${err.error_description ? ` (${err.error_description})` : ''}`;
  provider.on('authorization.error', (ctx, err: OIDCProviderError) =>
    log(
      `idp: authorize refused for client ${typeof ctx.oidc.params?.client_id === 'string' ? ctx.oidc.params.client_id : '?'}: ${describe(err)}`,
    ),
  );
  provider.on('grant.success', (ctx) => log(`idp: tokens issued to client ${ctx.oidc.client?.clientId ?? '?'}`));
  provider.on('grant.error', (ctx, err: OIDCProviderError) =>
    log(`idp: token request refused for client ${ctx.oidc.client?.clientId ?? '?'}: ${describe(err)}`),
  );
  provider.on('userinfo.error', (_ctx, err: OIDCProviderError) => log(`idp: userinfo refused: ${describe(err)}`));
  provider.on('end_session.success', () => log('idp: signed out'));
  provider.on('server_error', (_ctx, err: Error) => log(`idp: server error: ${err.message}`));
}

export async function startOktaIdp(opts: OktaIdpOptions = {}): Promise<OktaIdp> {
  const log = opts.log ?? (() => undefined);
  const directory = new DevDirectory();
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(opts.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const Provider = await loadProvider();
  const orgKey = opts.signingKey ?? (await newSigningKey());
  const provider = new Provider(
    issuer,
    providerConfiguration(directory, { cookieKeys: [randomBytes(32).toString('base64url')], signingJwk: orgKey }),
  );
  logEvents(provider, log);

  const addClient = (client: DevClient) => {
    new provider.Client(toMetadata(client)); // throws on a redirect URI oidc-provider would refuse later
    directory.addClient(client);
  };
  for (const user of opts.users ?? []) directory.addUser(user);
  for (const client of opts.clients ?? []) addClient(client);

  const oidc = provider.callback();
  const interact = interactionHandler(provider, directory, log);
  const devPages = new Map([
    [UNIVERSAL_LOGOUT_PAGE, universalLogoutHandler(issuer, orgKey, directory, log)],
    [PROVISIONING_PAGE, provisioningHandler(directory, log)],
  ]);
  let hold: { arrive: () => void; released: Promise<void> } | undefined;
  server.on('request', (req, res) => {
    if (hold && req.url?.startsWith(OKTA_ROUTES.token)) {
      const { arrive, released } = hold;
      hold = undefined;
      arrive();
      return void released.then(() => oidc(req, res));
    }
    const page = req.url?.startsWith(INTERACTION_PATH) ? interact : devPages.get(req.url ?? '');
    if (!page) return oidc(req, res);
    page(req, res).catch((err: unknown) => {
      log(`idp: sign-in page failed: ${err instanceof Error ? err.message : String(err)}`);
      const lang = negotiateLang(req.headers['accept-language']);
      if (!res.headersSent) res.writeHead(500, idpPageHeaders(lang));
      res.end(errorPage(lang, 'error'));
    });
  });
  log(`idp: Okta-shaped identity provider at ${issuer}`);

  return {
    issuer,
    addClient,
    addUser: (user) => directory.addUser(user),
    sign: (header, payload) => signWithOrgKey(orgKey, header, payload),
    universalLogout: (clientId, subject) => {
      const client = directory.client(clientId);
      if (!client) throw new Error(`unknown client ${clientId}`);
      return sendUniversalLogout(issuer, orgKey, client, subject);
    },
    holdNextTokenRequest() {
      let arrive!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      hold = { arrive, released: new Promise<void>((resolve) => (release = resolve)) };
      return { arrived, release };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
