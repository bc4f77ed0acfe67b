/**
 * Texts of the local-only pages, in every language of `LANGS`: the stand-in dashboard and
 * the development Okta's own pages. English defines the shape; `{name}` marks a placeholder.
 * (The product's pages have their catalogues in `lambdas/core/messages/`.)
 */
import type { Lang } from '../core/language.js';

const en = {
  dashboard: {
    title: 'Dashboard',
    signedInAs: 'Signed in as {email} (tenant {tenant}).',
    session: 'Account {account} · session ends {time} UTC',
    signOut: 'Sign out',
    signedOutTitle: 'Signed out',
    signedOut: 'Your session has ended. Sign in again to continue.',
    signIn: 'Sign in',
  },
  idp: {
    note: 'Development identity provider (Okta-shaped). Not a real Okta org.',
    signInTitle: 'Sign in',
    signingInTo: 'Signing in to {client}',
    email: 'Email',
    password: 'Password',
    signIn: 'Sign in',
    wrongPassword: 'Unable to sign in: the email or password is incorrect.',
    expiredTitle: 'Sign-in expired',
    expired: 'This sign-in request has expired or belongs to another browser. Go back to the app and start again.',
    notAllowedTitle: 'Not allowed',
    notAllowed: 'Use the sign-in form.',
    errorTitle: 'Sign-in error',
    error: 'The sign-in request could not be completed. Go back to the app and start again.',
    detail: 'Technical detail for the app’s developers:',
    signingOutTitle: 'Signing out…',
    signOut: 'Sign out',
    signedOutTitle: 'Signed out',
    signedOut: 'You are signed out of the development identity provider.',
  },
  universalLogout: {
    title: 'Universal Logout',
    intro: 'Ends every Impero session of a user, as an Okta admin’s “Log out of all apps” does.',
    app: 'App (client id)',
    email: 'User’s email',
    send: 'Send Universal Logout',
    invalid: 'Choose an app with a Universal Logout endpoint and a user of this org.',
    sent: 'Sent Universal Logout for {email} to {endpoint}: the app answered HTTP {status}.',
    sentEnded: 'Sent Universal Logout for {email} to {endpoint}: the app answered HTTP {status} (sessions ended).',
    unreachable: 'The app could not be reached: {reason}',
  },
};

export type DevTexts = typeof en;

const da: DevTexts = {
  dashboard: {
    title: 'Oversigt',
    signedInAs: 'Logget ind som {email} (virksomhed {tenant}).',
    session: 'Konto {account} · sessionen udløber {time} UTC',
    signOut: 'Log ud',
    signedOutTitle: 'Logget ud',
    signedOut: 'Din session er slut. Log ind igen for at fortsætte.',
    signIn: 'Log ind',
  },
  idp: {
    note: 'Identitetsudbyder til udvikling (formet som Okta). Ikke en rigtig Okta-organisation.',
    signInTitle: 'Log ind',
    signingInTo: 'Logger ind i {client}',
    email: 'E-mail',
    password: 'Adgangskode',
    signIn: 'Log ind',
    wrongPassword: 'Du kunne ikke logges ind: e-mailen eller adgangskoden er forkert.',
    expiredTitle: 'Login er udløbet',
    expired: 'Denne login-anmodning er udløbet eller hører til en anden browser. Gå tilbage til appen, og start forfra.',
    notAllowedTitle: 'Ikke tilladt',
    notAllowed: 'Brug login-formularen.',
    errorTitle: 'Login-fejl',
    error: 'Login-anmodningen kunne ikke gennemføres. Gå tilbage til appen, og start forfra.',
    detail: 'Teknisk detalje til appens udviklere:',
    signingOutTitle: 'Logger ud…',
    signOut: 'Log ud',
    signedOutTitle: 'Logget ud',
    signedOut: 'Du er logget ud af identitetsudbyderen til udvikling.',
  },
  universalLogout: {
    title: 'Universal Logout (log ud overalt)',
    intro: 'Afslutter alle en brugers Impero-sessioner, som en Okta-administrators “Log ud af alle apps” gør.',
    app: 'App (klient-id)',
    email: 'Brugerens e-mail',
    send: 'Send Universal Logout-anmodning',
    invalid: 'Vælg en app med et Universal Logout-endpoint og en bruger i denne organisation.',
    sent: 'Universal Logout for {email} er sendt til {endpoint}: appen svarede HTTP {status}.',
    sentEnded: 'Universal Logout for {email} er sendt til {endpoint}: appen svarede HTTP {status} (sessionerne er afsluttet).',
    unreachable: 'Appen kunne ikke nås: {reason}',
  },
};

export const devTexts: Readonly<Record<Lang, DevTexts>> = { en, da };
