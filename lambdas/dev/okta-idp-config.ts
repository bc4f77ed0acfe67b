/**
 * oidc-provider configured to look like an Okta org authorization server: Okta's paths,
 * web apps with PKCE S256 that authenticate as Okta's do (none, client secret, private key), a "thin" ID token (`sub` + `email`) with the rest of the
 * profile at /userinfo, consent granted without a page, logout without a confirmation.
 */
import type { Adapter, Configuration, ErrorOut, Grant, KoaContextWithOIDC } from 'oidc-provider';
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';
import { negotiateLang } from '../core/language.js';
import type { DevDirectory } from './okta-idp-directory.js';
import { errorPage, idpPageHeaders, logoutPage, signedOutPage, type IdpPage } from './okta-idp-pages.js';

export const OKTA_ROUTES = {
  authorization: '/oauth2/v1/authorize',
  token: '/oauth2/v1/token',
  jwks: '/oauth2/v1/keys',
  userinfo: '/oauth2/v1/userinfo',
  end_session: '/oauth2/v1/logout',
  pushed_authorization_request: '/oauth2/v1/par',
} as const;

export const INTERACTION_PATH = '/interaction/';

/** Lifetimes in seconds; all set so oidc-provider does not nag about its defaults. */
const TTL = {
  AccessToken: 3600,
  AuthorizationCode: 300,
  IdToken: 3600,
  Interaction: 600,
  Session: 2 * 3600,
  Grant: 24 * 3600,
  RefreshToken: 24 * 3600,
  ClientCredentials: 600,
  DeviceCode: 600,
  BackchannelAuthenticationRequest: 600,
  PreAuthorizedCode: 600,
};

/** Clients come from the live directory; everything else lives in this provider's own memory. */
function adapterFactory(directory: DevDirectory): (model: string) => Adapter {
  const memory = createMemoryAdapter(15);
  const none = async () => undefined;
  const clients: Adapter = {
    find: async (id) => directory.clientMetadata(id),
    upsert: none,
    findByUid: none,
    findByUserCode: none,
    consume: none,
    destroy: none,
    revokeByGrantId: none,
  };
  return (model) => (model === 'Client' ? clients : memory(model));
}

/** Consent is implied, as for an Okta app with consent turned off: grant what was asked. */
async function loadExistingGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
  const { oidc } = ctx;
  const accountId = oidc.session?.accountId;
  if (!oidc.client || !accountId) return undefined;
  const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(oidc.client.clientId);
  const grant =
    (grantId && (await oidc.provider.Grant.find(grantId))) || new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId });
  grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '));
  grant.addOIDCClaims([...oidc.requestParamClaims]);
  await grant.save();
  return grant;
}

/** Answers with a page in the browser's language. */
function html(ctx: KoaContextWithOIDC, render: IdpPage): void {
  const lang = negotiateLang(ctx.get('accept-language'));
  ctx.set(idpPageHeaders(lang));
  ctx.body = render(lang);
}

export function providerConfiguration(
  directory: DevDirectory,
  keys: { cookieKeys: string[]; signingJwk: Record<string, unknown> },
): Configuration {
  return {
    adapter: adapterFactory(directory),
    jwks: { keys: [keys.signingJwk] },
    cookies: { keys: keys.cookieKeys },
    routes: OKTA_ROUTES,
    responseTypes: ['code'],
    scopes: ['openid', 'email', 'profile'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'given_name', 'family_name', 'preferred_username'] },
    clientAuthMethods: ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'],
    // Okta's org server puts `email` in the ID token; without this it would go to /userinfo only.
    conformIdTokenClaims: false,
    allowOmittingSingleRegisteredRedirectUri: false,
    pkce: { required: () => true },
    ttl: TTL,
    clientBasedCORS: () => false,
    // oidc-provider refuses to fetch from special-use addresses (SSRF protection). The dev
    // Okta fetches private_key_jwt keys from the local app on 127.0.0.1, so loopback is let through.
    fetch: (url: URL | string, options: RequestInit & { dispatcher?: unknown }) => {
      const loopback = new URL(String(url)).hostname === '127.0.0.1';
      return globalThis.fetch(url, loopback ? { ...options, dispatcher: undefined } : options);
    },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: { enabled: false },
      dPoP: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => html(ctx, (lang) => logoutPage(lang, form)),
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => html(ctx, signedOutPage),
      },
    },
    interactions: { url: async (_ctx: unknown, interaction: { uid: string }) => `${INTERACTION_PATH}${interaction.uid}` },
    loadExistingGrant,
    async findAccount(_ctx: unknown, sub: string) {
      const user = directory.user(sub);
      if (!user) return undefined;
      return {
        accountId: user.id,
        // The ID token stays thin like Okta's; the full profile is at /userinfo.
        claims: (use: 'id_token' | 'userinfo') =>
          use === 'id_token'
            ? { sub: user.id, email: user.email }
            : {
                sub: user.id,
                email: user.email,
                email_verified: user.emailVerified ?? true,
                name: user.name,
                given_name: user.givenName,
                family_name: user.familyName,
                preferred_username: user.email,
              },
      };
    },
    async renderError(ctx: KoaContextWithOIDC, out: ErrorOut) {
      const detail = out.error_description ? `${out.error}: ${out.error_description}` : out.error;
      html(ctx, (lang) => errorPage(lang, 'error', detail));
    },
  };
}
