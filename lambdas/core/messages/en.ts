/**
 * English: every text of the product's pages. The shape of this object is the shape of every
 * other language's catalogue (see `catalogue.ts`); `{name}` marks a placeholder.
 * Written for the person in front of the page: what happened, and what to do next.
 */
import type { ErrorCode } from '../errors.js';

export const en = {
  /** Heading and message of the page for each error code: the page's default for that code. */
  errors: {
    bad_request: {
      title: 'Something in the request is not right',
      message: 'Impero could not read what your browser sent. Go back to the sign-in page and try again.',
    },
    unknown_tenant: {
      title: 'Page not found',
      message: 'There is no Impero sign-in at this address. Check the address, or ask your administrator for your company’s Impero link.',
    },
    tenant_disabled: {
      title: 'Single sign-on is not available',
      message: 'Single sign-on for your company is switched off. Contact your Impero administrator.',
    },
    no_sso_for_email: {
      title: 'No single sign-on for this email',
      message: 'We could not find single sign-on for that email. Check the address, or open your company’s own Impero address.',
    },
    login_expired: {
      title: 'Please sign in again',
      message: 'This sign-in has expired, was already used, or was started in another browser. Start again from the login page.',
    },
    access_denied: {
      title: 'Okta refused access',
      message:
        'Okta refused access to Impero. Usually this means you are not assigned to the Impero app in Okta: ask your Okta administrator to assign you (or your group) to the Impero application, then sign in again.',
    },
    idp_error: {
      title: 'Okta could not sign you in',
      message: 'Okta could not complete your sign-in. Try again, or contact your Okta administrator if it keeps happening.',
    },
    idp_unavailable: {
      title: 'Okta is not answering',
      message: 'Okta could not be reached in time. Try again in a minute.',
    },
    no_account: {
      title: 'No Impero account',
      message: 'There is no Impero account for the email address you signed in with. Ask your Impero administrator to add you.',
    },
    email_not_verified: {
      title: 'Email not verified',
      message: 'Okta says your email address is not verified. Verify it in Okta, then sign in again.',
    },
    identity_conflict: {
      title: 'Account mismatch',
      message: 'Your Okta user is linked to a different Impero account than your email address. Ask your Impero administrator to check your account.',
    },
    not_found: {
      title: 'Page not found',
      message: 'There is nothing at this address. Check the address, or go to the sign-in page.',
    },
    method_not_allowed: {
      title: 'This page cannot be opened this way',
      message: 'This address cannot be used like that. Go to the sign-in page and start from there.',
    },
    payload_too_large: {
      title: 'Request too large',
      message: 'What your browser sent is too large. Go back to the sign-in page and try again.',
    },
    internal_error: {
      title: 'Something went wrong',
      message: 'Something went wrong on our side. Try again in a minute.',
    },
    issuer_mismatch: {
      title: 'Please sign in again',
      message: 'Okta’s answer did not come from the Okta your sign-in was sent to. Start again from the login page.',
    },
    edge_bypass: {
      title: 'Not available at this address',
      message: 'Impero cannot be opened this way. Use your company’s normal Impero address.',
    },
    no_session: {
      title: 'You are signed out',
      message: 'Your session has ended. Sign in again to continue.',
    },
    invalid_token: {
      title: 'Not authorised',
      message: 'This request could not be verified. Go to the sign-in page.',
    },
    unknown_user: {
      title: 'No such user',
      message: 'There is no such Impero user in this company. Ask your Impero administrator.',
    },
    revocation_failed: {
      title: 'Sessions could not be ended',
      message: 'Impero could not sign this user out everywhere just now. Try again in a minute.',
    },
    setup_link_invalid: {
      title: 'This setup link does not work',
      message: 'The link is wrong, already used or expired. Ask Impero support for a new setup link.',
    },
    form_expired: {
      title: 'Please open the page again',
      message: 'This form has expired or was sent from another page. Open the page again and fill it in once more.',
    },
  } satisfies Record<ErrorCode, { title: string; message: string }>,

  /** Messages more precise than a code's default, chosen by `AuthError.messageKey`. */
  messages: {
    email_missing: 'Enter your work email address.',
    email_too_long: 'That email address is too long.',
    email_invalid: 'That does not look like an email address. Check it and try again.',
    tenant_switched_off: 'Single sign-on for {tenant} is switched off. Contact your Impero administrator.',
    tenant_not_set_up: 'Single sign-on for {tenant} is not set up yet. Contact your Impero administrator.',
    open_company_address: 'Open your company’s Impero address to sign in, or enter your email on the login page.',
    foreign_okta_link: 'This sign-in link was not started by your organisation’s Okta. Start again from the login page.',
    incomplete_okta_answer: 'Okta sent you back without finishing the sign-in. Start again from the login page.',
    email_not_shared: 'Okta did not share your email address with Impero. Ask your Okta administrator to let the Impero app see email addresses.',
    no_account_for_email: 'There is no Impero account for {email}. Ask your Impero administrator to add you.',
    foreign_sign_out: 'You can sign out only from an Impero page. Go back to Impero and use its Sign out button.',
  },

  /** The login page. */
  login: {
    title: 'Sign in to Impero',
    titleForTenant: 'Sign in to {tenant}',
    emailLabel: 'Work email',
    next: 'Next',
    note: 'You will continue at your company’s Okta sign-in.',
  },

  /** What every error page says besides its heading and message. */
  errorPage: {
    back: 'Back to sign-in',
    reference: 'If you contact support, quote this reference:',
  },
};
