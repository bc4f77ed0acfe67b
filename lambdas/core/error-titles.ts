import type { ErrorCode } from './errors.js';

/** The heading of the error page for each error code, in plain words. */
const TITLES: Record<ErrorCode, string> = {
  bad_request: 'Something in the request is not right',
  unknown_tenant: 'Page not found',
  tenant_disabled: 'Single sign-on is not available',
  no_sso_for_email: 'No single sign-on for this email',
  login_expired: 'Please sign in again',
  access_denied: 'Okta refused access',
  idp_error: 'Okta could not sign you in',
  idp_unavailable: 'Okta is not answering',
  no_account: 'No Impero account',
  email_not_verified: 'Email not verified',
  identity_conflict: 'Account mismatch',
  not_found: 'Page not found',
  method_not_allowed: 'Method not allowed',
  payload_too_large: 'Request too large',
  internal_error: 'Something went wrong',
  issuer_mismatch: 'Please sign in again',
  edge_bypass: 'Not available at this address',
  no_session: 'You are signed out',
  invalid_token: 'Not authorised',
  unknown_user: 'No such user',
  revocation_failed: 'Sessions could not be ended',
  setup_link_invalid: 'This setup link does not work',
  form_expired: 'Please open the page again',
};

export const titleFor = (code: ErrorCode): string => TITLES[code];
