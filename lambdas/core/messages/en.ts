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
    idp_redirect_error: {
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
      message:
        'Your Okta user is linked to a different Impero account than your email address. Ask your Impero administrator to check your account.',
    },
    account_inactive: {
      title: 'Account deactivated',
      message: 'Your Impero account is deactivated, so you cannot sign in. Ask your Impero administrator to activate it again.',
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
    email_not_shared:
      'Okta did not share your email address with Impero. Ask your Okta administrator to let the Impero app see email addresses.',
    no_account_for_email: 'There is no Impero account for {email}. Ask your Impero administrator to add you.',
    foreign_sign_out: 'You can sign out only from an Impero page. Go back to Impero and use its Sign out button.',
    tenant_pending:
      'Sign-in with Okta for {tenant} is not set up yet. Your IT administrator has a setup link from Impero; once they finish it, you can sign in here.',
    jit_email_unconfirmed:
      'Okta did not confirm that your email address is verified, so no Impero account was created. Verify it in Okta, then sign in again.',
    setup_link_not_valid:
      'This setup link is not valid. Check that you opened the whole link from the email. Ask your Impero contact for a new setup link.',
    setup_link_used: 'This setup link was already used: sign-in for {tenant} is set up. Your users sign in on this address’s sign-in page.',
    setup_link_stopped: 'Setup for {tenant} was stopped by Impero. Ask your Impero contact for a new setup link.',
    setup_link_expired: 'This setup link expired on {date}. Ask your Impero contact for a new setup link.',
    setup_link_worn_out:
      'This setup link has been tried {count} times without success and no longer works. Ask your Impero contact for a new setup link.',
    setup_link_raced: 'This setup link was used in another window at the same moment. Open the link again to see where setup stands.',
    setup_form_expired: 'This form could not be accepted. Open the setup link from the email again and send the form once more.',
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

  /**
   * The setup pages, read by the customer's Okta administrator: Okta's own words (grant type,
   * PKCE, Client ID) are the ones they act on. Okta's console labels are not translated
   * (the console is English) and come in as placeholders from `setup-pages.ts`.
   */
  setup: {
    title: 'Set up Okta sign-in for {tenant}',
    intro:
      'This page is for {tenant}’s Okta administrator. Create the Impero app in Okta as below, then enter its values at the end: Impero tests them against your Okta org and switches sign-in on when every check passes.',
    createHeading: '1. Create the app in Okta',
    createApp: 'In the Okta Admin Console: {path}, sign-in method {method}, application type {type}.',
    enterValues: 'Grant type: {grant}. Enter these values:',
    initiateNote: '({field}: {value})',
    universalLogoutNote: '(optional: lets Okta end Impero sessions)',
    assign: 'Under {assignments}, assign the people or groups who use Impero, and save.',
    copy: 'From the app’s {general} tab, copy the {clientId} and the {secret} (client authentication: {secretAuth}). An app without a secret (PKCE only) works too: leave the secret empty.',
    testHeading: '2. Test and switch on',
    resultOne: 'Test result: {count} check failed',
    resultOther: 'Test result: {count} checks failed',
    nothingOn: 'Nothing was switched on. Fix the steps marked ✗ and test again.',
    howToFix: 'How to fix:',
    orgLabel: 'Okta org URL',
    clientIdLabel: 'Client ID',
    secretLabel: 'Client secret (if your app has one)',
    submit: 'Test and switch on',
    usersWillSignIn: 'Your users will sign in at {url}.',
    orgInvalid: 'Okta org URL: enter your Okta org’s own address, such as dev-company.okta.com, with no path.',
    orgNotOkta:
      'Okta org URL: enter your Okta org’s own address, such as dev-company.okta.com. For an Okta custom domain, ask your Impero contact.',
    clientIdInvalid: 'Client ID: copy it from the app’s General tab in Okta (it looks like 0oa…).',
    secretInvalid: 'Client secret: copy it whole from the app’s General tab (no spaces), or leave it empty if the app has none.',
    doneTitle: 'Okta sign-in for {tenant} is on',
    donePassed: 'Every check passed and sign-in is switched on. This setup link has been used up.',
    doneUsers: 'Your users sign in at {url}, or from the Impero tile in Okta.',
    toSignIn: 'Go to sign-in',
    /** The self-test's steps, by step id. */
    steps: {
      discovery: 'Okta org found',
      issuer: 'Org address matches what Okta announces',
      endpoints: 'Okta sign-in endpoints usable',
      jwks: 'Okta signing keys published',
      pkce: 'PKCE supported',
      client: 'Client ID accepted by Okta',
      redirect: 'Sign-in redirect URI registered in Okta',
    },
    /** What a step saw, by finding key; values are what Okta sent, shown inert. */
    seen: {
      discovery_found: 'Found the org’s sign-in settings at {url}.',
      discovery_status: '{url} answered HTTP {status}.',
      discovery_redirect: '{url} answered HTTP {status}, sending to {location}.',
      discovery_not_json: '{url} did not answer with an org’s sign-in settings.',
      discovery_unreachable: '{url} could not be reached: {reason}.',
      issuer_exact: 'Okta announces exactly {issuer}.',
      issuer_other: 'Okta announces {announced}, not {issuer}.',
      issuer_missing: 'The answer from {issuer} names no Okta org.',
      endpoints_ok: 'Okta’s sign-in, token and key addresses are there and secure.',
      endpoints_missing: 'Missing or not on https: {fields}.',
      jwks_keys: 'Okta publishes signing keys Impero can use: {count}.',
      jwks_status: '{url} answered HTTP {status} without keys.',
      jwks_no_rsa: '{url} holds no key Impero can use (RS256).',
      jwks_unreachable: '{url} could not be reached: {reason}.',
      pkce_ok: 'Okta supports PKCE with S256.',
      pkce_missing: 'Okta does not announce PKCE with S256 (it announces {methods}).',
      client_accepted: 'Okta accepts the Client ID {clientId}.',
      client_rejected_none: 'Okta does not accept the Client ID {clientId} without a client secret.',
      client_rejected_secret: 'Okta does not accept the Client ID {clientId} with this client secret.',
      client_rejected_key: 'Okta does not accept the Client ID {clientId} with Impero’s key.',
      client_grant: 'The app {clientId} may not use the Authorization Code grant type.',
      client_unexpected: 'Okta answered {answer}, not what a working app gets.',
      client_unreachable: '{url} could not be reached: {reason}.',
      redirect_ok: 'Okta sends users back to {uri}.',
      redirect_refused: 'Okta answered HTTP {status} (its error page) instead of sending users back to {uri}.',
      redirect_elsewhere: 'Okta sent users to {location}, not back to {uri}.',
      redirect_state: 'Okta sent users back to {uri} without the sign-in’s check value.',
      redirect_unreachable: '{url} could not be reached: {reason}.',
      skipped_discovery: 'Not checked: the org must be found first.',
      skipped_jwks: 'Not checked: Okta announces no usable address for its keys.',
      skipped_token: 'Not checked: Okta announces no usable token address.',
      skipped_authorize: 'Not checked: Okta announces no usable sign-in address.',
      skipped_client: 'Not checked: Okta must accept the Client ID first.',
    },
    /** How to fix a failed step, by hint key (see `HINTS` in `setup-pages.ts`). */
    hints: {
      org: 'Check the Okta org URL: the address your users sign in at, such as dev-company.okta.com (not the -admin address, no path).',
      issuer_other: 'Enter exactly the address Okta announces: {announced}.',
      issuer_missing: 'This is not an Okta org’s address. Check the Okta org URL.',
      endpoints: 'Use your Okta org’s own address: Impero needs its sign-in, token and key addresses, all on https.',
      jwks: 'Okta publishes its keys at /oauth2/v1/keys; if that address does not answer, the org URL is probably wrong.',
      pkce: 'Impero always signs in with PKCE (S256): use an Okta org, which supports it.',
      client_rejected_none: 'Copy the Client ID from the app’s General tab. If the app has a client secret, enter it too.',
      client_rejected_secret:
        'Copy the Client ID and the current client secret from the app’s General tab; the app’s client authentication must be “Client secret”.',
      client_rejected_key:
        'Set the app’s client authentication to “Public key / Private key”, choose “Use a URL to fetch keys dynamically” and enter {jwksUrl}.',
      client_grant: 'In the Okta app, allow the Authorization Code grant type.',
      client_id: 'Copy the Client ID from the app’s General tab in Okta (it looks like 0oa…).',
      client_unreachable: 'Okta’s token address must be reachable from Impero. Try again in a minute.',
      redirect:
        'In the app’s General tab in Okta, add {uri} to “Sign-in redirect URIs” exactly as shown above, and save. Okta sends nobody back to an address that is not listed there.',
      redirect_unreachable: 'Okta’s sign-in address must be reachable from Impero. Try again in a minute.',
    },
  },
};
