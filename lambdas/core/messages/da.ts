/** Danish (dansk): the same texts as `en.ts`, key for key, placeholder for placeholder. */
import type { Catalogue } from './catalogue.js';

export const da: Catalogue = {
  errors: {
    bad_request: {
      title: 'Noget i forespørgslen er forkert',
      message: 'Impero kunne ikke læse det, din browser sendte. Gå tilbage til login-siden, og prøv igen.',
    },
    unknown_tenant: {
      title: 'Siden findes ikke',
      message: 'Der er ikke noget Impero-login på denne adresse. Tjek adressen, eller bed din administrator om din virksomheds Impero-link.',
    },
    tenant_disabled: {
      title: 'Single sign-on er ikke tilgængeligt',
      message: 'Single sign-on for din virksomhed er slået fra. Kontakt din Impero-administrator.',
    },
    no_sso_for_email: {
      title: 'Ingen single sign-on for denne e-mail',
      message: 'Vi kunne ikke finde single sign-on for den e-mailadresse. Tjek adressen, eller åbn din virksomheds egen Impero-adresse.',
    },
    login_expired: {
      title: 'Log ind igen',
      message: 'Dette login er udløbet, allerede brugt eller startet i en anden browser. Start forfra på login-siden.',
    },
    access_denied: {
      title: 'Okta afviste adgangen',
      message:
        'Okta afviste adgangen til Impero. Som regel betyder det, at du ikke er tildelt Impero-appen i Okta: bed din Okta-administrator om at tildele dig (eller din gruppe) Impero-appen, og log så ind igen.',
    },
    idp_error: {
      title: 'Okta kunne ikke logge dig ind',
      message: 'Okta kunne ikke gennemføre dit login. Prøv igen, eller kontakt din Okta-administrator, hvis det bliver ved.',
    },
    idp_unavailable: {
      title: 'Okta svarer ikke',
      message: 'Okta svarede ikke i tide. Prøv igen om et minut.',
    },
    no_account: {
      title: 'Ingen Impero-konto',
      message: 'Der er ingen Impero-konto til den e-mailadresse, du loggede ind med. Bed din Impero-administrator om at oprette dig.',
    },
    email_not_verified: {
      title: 'E-mailadressen er ikke bekræftet',
      message: 'Okta oplyser, at din e-mailadresse ikke er bekræftet. Bekræft den i Okta, og log så ind igen.',
    },
    identity_conflict: {
      title: 'Kontiene passer ikke sammen',
      message: 'Din Okta-bruger er knyttet til en anden Impero-konto end din e-mailadresse. Bed din Impero-administrator om at tjekke din konto.',
    },
    not_found: {
      title: 'Siden findes ikke',
      message: 'Der er intet på denne adresse. Tjek adressen, eller gå til login-siden.',
    },
    method_not_allowed: {
      title: 'Siden kan ikke åbnes på denne måde',
      message: 'Denne adresse kan ikke bruges sådan. Gå til login-siden, og start derfra.',
    },
    payload_too_large: {
      title: 'Forespørgslen er for stor',
      message: 'Det, din browser sendte, er for stort. Gå tilbage til login-siden, og prøv igen.',
    },
    internal_error: {
      title: 'Noget gik galt',
      message: 'Noget gik galt hos os. Prøv igen om et minut.',
    },
    issuer_mismatch: {
      title: 'Log ind igen',
      message: 'Svaret kom ikke fra den Okta, dit login blev sendt til. Start forfra på login-siden.',
    },
    edge_bypass: {
      title: 'Ikke tilgængelig på denne adresse',
      message: 'Impero kan ikke åbnes på denne måde. Brug din virksomheds normale Impero-adresse.',
    },
    no_session: {
      title: 'Du er logget ud',
      message: 'Din session er slut. Log ind igen for at fortsætte.',
    },
    invalid_token: {
      title: 'Ingen adgang',
      message: 'Denne forespørgsel kunne ikke bekræftes. Gå til login-siden.',
    },
    unknown_user: {
      title: 'Ukendt bruger',
      message: 'Der er ingen sådan Impero-bruger i denne virksomhed. Spørg din Impero-administrator.',
    },
    revocation_failed: {
      title: 'Sessionerne kunne ikke afsluttes',
      message: 'Impero kunne ikke logge brugeren ud overalt lige nu. Prøv igen om et minut.',
    },
    setup_link_invalid: {
      title: 'Dette opsætningslink virker ikke',
      message: 'Linket er forkert, allerede brugt eller udløbet. Bed Impero-support om et nyt opsætningslink.',
    },
    form_expired: {
      title: 'Åbn siden igen',
      message: 'Formularen er udløbet eller blev sendt fra en anden side. Åbn siden igen, og udfyld den en gang til.',
    },
  },

  messages: {
    email_missing: 'Skriv din arbejdsmail.',
    email_too_long: 'Den e-mailadresse er for lang.',
    email_invalid: 'Det ligner ikke en e-mailadresse. Tjek den, og prøv igen.',
    tenant_switched_off: 'Single sign-on for {tenant} er slået fra. Kontakt din Impero-administrator.',
    tenant_not_set_up: 'Single sign-on for {tenant} er ikke sat op endnu. Kontakt din Impero-administrator.',
    open_company_address: 'Åbn din virksomheds Impero-adresse for at logge ind, eller skriv din e-mail på login-siden.',
    foreign_okta_link: 'Dette login-link kom ikke fra din organisations Okta. Start forfra på login-siden.',
    incomplete_okta_answer: 'Okta sendte dig tilbage uden at gøre login færdigt. Start forfra på login-siden.',
    email_not_shared: 'Okta delte ikke din e-mailadresse med Impero. Bed din Okta-administrator om at lade Impero-appen se e-mailadresser.',
    no_account_for_email: 'Der er ingen Impero-konto til {email}. Bed din Impero-administrator om at oprette dig.',
    foreign_sign_out: 'Du kan kun logge ud fra en Impero-side. Gå tilbage til Impero, og brug knappen Log ud.',
  },

  login: {
    title: 'Log ind på Impero',
    titleForTenant: 'Log ind på {tenant}',
    emailLabel: 'Arbejdsmail',
    next: 'Næste',
    note: 'Du fortsætter til din virksomheds Okta-login.',
  },

  errorPage: {
    back: 'Tilbage til login',
    reference: 'Hvis du kontakter support, så oplys denne reference:',
  },
};
