/**
 * The one error type of the product. `code` is stable and machine-readable, `status` is the
 * HTTP status a handler answers with, `publicMessage` (English) is safe to show to a user and
 * is what JSON answers and logs carry, and `cause` (never shown) is what gets logged for 5xx
 * errors. Pages do not show `publicMessage`: they show the catalogue's text for the code, or
 * for `messageKey` with `params` when the error names a more precise message. An error that
 * names a key is not given words in code: its `publicMessage` is the English catalogue's text.
 */
import { fill } from './language.js';
import type { MessageKey } from './messages/catalogue.js';
import { en } from './messages/en.js';

export const ErrorCode = {
  /** The request itself is malformed: missing or oversized parameter, bad JSON, bad email. */
  BAD_REQUEST: 'bad_request',
  /** The host does not name a registered tenant. */
  UNKNOWN_TENANT: 'unknown_tenant',
  /** The tenant exists but is disabled by support. */
  TENANT_DISABLED: 'tenant_disabled',
  /** The email's domain is not claimed by any tenant (bare-domain discovery). */
  NO_SSO_FOR_EMAIL: 'no_sso_for_email',
  /** The login transaction is missing, expired, already used, or bound to another browser. */
  LOGIN_EXPIRED: 'login_expired',
  /** The identity provider refused the user (Okta `access_denied`). */
  ACCESS_DENIED: 'access_denied',
  /** The identity provider answered with an error or an invalid response. */
  IDP_ERROR: 'idp_error',
  /**
   * Okta's redirect back carried an OAuth error other than `access_denied` (e.g. `server_error`,
   * `login_required`). A 4xx: the browser brings it, so anyone can forge one.
   */
  IDP_REDIRECT_ERROR: 'idp_redirect_error',
  /** The identity provider could not be reached in time. */
  IDP_UNAVAILABLE: 'idp_unavailable',
  /** The verified identity has no Impero account in this tenant. */
  NO_ACCOUNT: 'no_account',
  /** The identity provider says the email is not verified. */
  EMAIL_NOT_VERIFIED: 'email_not_verified',
  /** The Okta user is linked to another account, or the account to another Okta user. */
  IDENTITY_CONFLICT: 'identity_conflict',
  /** The account is deactivated (`account deactivate`, SCIM): it keeps its data but cannot sign in. */
  ACCOUNT_INACTIVE: 'account_inactive',
  /** No route at this path. */
  NOT_FOUND: 'not_found',
  /** The route does not accept this HTTP method. */
  METHOD_NOT_ALLOWED: 'method_not_allowed',
  /** The request body is larger than the route accepts. */
  PAYLOAD_TOO_LARGE: 'payload_too_large',
  /** Anything unexpected; details are logged, never shown. */
  INTERNAL: 'internal_error',
  /** The callback's RFC 9207 `iss` parameter names another issuer than the login was sent to. */
  ISSUER_MISMATCH: 'issuer_mismatch',
  /** With edge protection on, the request did not come through CloudFront (no origin secret). */
  EDGE_BYPASS: 'edge_bypass',
  /** No live session: no cookie, a token that does not verify, or a session that has ended. */
  NO_SESSION: 'no_session',
  /** A bearer token (Universal Logout) is missing, invalid, expired or replayed. */
  INVALID_TOKEN: 'invalid_token',
  /** The user a Universal Logout request names has no account in this tenant. */
  UNKNOWN_USER: 'unknown_user',
  /** The sessions could not be ended (storage unavailable); the caller should retry. */
  REVOCATION_FAILED: 'revocation_failed',
  /** A setup link that is wrong, spent, expired or worn out by failed attempts. */
  SETUP_LINK_INVALID: 'setup_link_invalid',
  /** A form post without this browser's anti-forgery value, or from another site. */
  FORM_EXPIRED: 'form_expired',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unknown_tenant: 404,
  tenant_disabled: 403,
  no_sso_for_email: 404,
  login_expired: 400,
  access_denied: 403,
  idp_error: 502,
  idp_redirect_error: 400,
  idp_unavailable: 504,
  no_account: 403,
  email_not_verified: 403,
  identity_conflict: 403,
  account_inactive: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  internal_error: 500,
  issuer_mismatch: 400,
  edge_bypass: 403,
  no_session: 401,
  invalid_token: 401,
  unknown_user: 404,
  revocation_failed: 422,
  setup_link_invalid: 403,
  form_expired: 403,
};

export interface AuthErrorOptions {
  cause?: unknown;
}

/** A message from the catalogue (`messages`), shown instead of the code's default; English for JSON and logs. */
export interface KeyedMessage {
  messageKey: MessageKey;
  /** Values of that message's `{placeholders}`. */
  params?: Readonly<Record<string, string>>;
}

export class AuthError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly publicMessage: string;
  readonly messageKey?: MessageKey;
  readonly params?: Readonly<Record<string, string>>;

  /** `message`: the English words for an error the catalogue has no message for, or the catalogue message's key. */
  constructor(code: ErrorCode, message: string | KeyedMessage, options: AuthErrorOptions = {}) {
    const publicMessage = typeof message === 'string' ? message : fill(en.messages[message.messageKey], message.params);
    super(`${code}: ${publicMessage}`, 'cause' in options ? { cause: options.cause } : undefined);
    this.name = 'AuthError';
    this.code = code;
    this.status = STATUS[code];
    this.publicMessage = publicMessage;
    if (typeof message !== 'string') {
      this.messageKey = message.messageKey;
      this.params = message.params;
    }
  }

  /** Whether the public message may be shown: client errors, and what Okta answered (502/504). */
  get expose(): boolean {
    return this.status < 500 || this.code === ErrorCode.IDP_ERROR || this.code === ErrorCode.IDP_UNAVAILABLE;
  }
}

export const isAuthError = (e: unknown): e is AuthError => e instanceof AuthError;

/** An OAuth error code is shown to users; anything that is not a plain code is not. */
export const safeCode = (code: unknown): string => (typeof code === 'string' && /^[a-z_]{1,64}$/.test(code) ? code : 'unknown_error');

export const badRequest = (message: string | KeyedMessage): AuthError => new AuthError(ErrorCode.BAD_REQUEST, message);
