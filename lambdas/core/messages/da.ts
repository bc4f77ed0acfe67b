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
      message:
        'Der er ikke noget Impero-login på denne adresse. Tjek adressen, eller bed din administrator om din virksomheds Impero-link.',
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
    idp_redirect_error: {
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
      message:
        'Din Okta-bruger er knyttet til en anden Impero-konto end din e-mailadresse. Bed din Impero-administrator om at tjekke din konto.',
    },
    account_inactive: {
      title: 'Kontoen er deaktiveret',
      message: 'Din Impero-konto er deaktiveret, så du kan ikke logge ind. Bed din Impero-administrator om at aktivere den igen.',
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
    tenant_pending:
      'Login med Okta for {tenant} er ikke sat op endnu. Din it-administrator har et opsætningslink fra Impero; når vedkommende er færdig, kan du logge ind her.',
    jit_email_unconfirmed:
      'Okta bekræftede ikke, at din e-mailadresse er verificeret, så der blev ikke oprettet en Impero-konto. Bekræft den i Okta, og log ind igen.',
    setup_link_not_valid:
      'Dette opsætningslink er ikke gyldigt. Kontrollér, at du åbnede hele linket fra e-mailen. Bed din kontakt hos Impero om et nyt opsætningslink.',
    setup_link_used:
      'Dette opsætningslink er allerede brugt: login for {tenant} er sat op. Dine brugere logger ind på denne adresses login-side.',
    setup_link_stopped: 'Impero har stoppet opsætningen for {tenant}. Bed din kontakt hos Impero om et nyt opsætningslink.',
    setup_link_expired: 'Dette opsætningslink udløb den {date}. Bed din kontakt hos Impero om et nyt opsætningslink.',
    setup_link_worn_out:
      'Dette opsætningslink er prøvet {count} gange uden held og virker ikke længere. Bed din kontakt hos Impero om et nyt opsætningslink.',
    setup_link_raced:
      'Dette opsætningslink blev brugt i et andet vindue i samme øjeblik. Åbn linket igen for at se, hvor langt opsætningen er nået.',
    setup_form_expired: 'Formularen kunne ikke modtages. Åbn opsætningslinket fra e-mailen igen, og send formularen en gang til.',
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

  setup: {
    title: 'Opsæt login med Okta for {tenant}',
    intro:
      'Denne side er til Okta-administratoren hos {tenant}. Opret Impero-appen i Okta som beskrevet nedenfor, og indtast dens værdier til sidst: Impero tester dem mod jeres Okta-organisation og slår login til, når alle kontroller består.',
    createHeading: '1. Opret appen i Okta',
    createApp: 'I Okta Admin Console: {path}, loginmetode {method}, applikationstype {type}.',
    enterValues: 'Bevillingstype (grant type): {grant}. Indtast disse værdier:',
    initiateNote: '({field}: vælg {value})',
    universalLogoutNote: '(valgfrit: lader Okta afslutte Impero-sessioner)',
    assign: 'Under {assignments} tildeler du de personer eller grupper, der bruger Impero, og gemmer.',
    copy: 'Kopiér {clientId} og {secret} fra appens fane {general} (klientgodkendelse: {secretAuth}). En app uden hemmelighed (kun PKCE) virker også: lad så feltet til hemmeligheden stå tomt.',
    testHeading: '2. Test og slå til',
    resultOne: 'Testresultat: {count} kontrol fejlede',
    resultOther: 'Testresultat: {count} kontroller fejlede',
    nothingOn: 'Intet blev slået til. Ret de trin, der er markeret med ✗, og test igen.',
    howToFix: 'Sådan retter du det:',
    orgLabel: 'Okta-organisationens adresse (org URL)',
    clientIdLabel: 'Klient-id (Client ID)',
    secretLabel: 'Klienthemmelighed (Client secret), hvis din app har en',
    submit: 'Test og slå til',
    usersWillSignIn: 'Dine brugere vil logge ind på {url}.',
    orgInvalid: 'Okta-organisationens adresse: indtast jeres Okta-organisations egen adresse, fx dev-company.okta.com, uden sti.',
    orgNotOkta:
      'Okta-organisationens adresse: indtast jeres Okta-organisations egen adresse, fx dev-company.okta.com. Bruger I et eget Okta-domæne, så spørg din kontakt hos Impero.',
    clientIdInvalid: 'Klient-id: kopiér det fra appens fane General i Okta (det ligner 0oa…).',
    secretInvalid:
      'Klienthemmelighed: kopiér hele hemmeligheden fra appens fane General (uden mellemrum), eller lad feltet stå tomt, hvis appen ikke har en.',
    doneTitle: 'Login med Okta for {tenant} er slået til',
    donePassed: 'Alle kontroller bestod, og login er slået til. Dette opsætningslink er nu brugt.',
    doneUsers: 'Dine brugere logger ind på {url} eller fra Impero-flisen i Okta.',
    toSignIn: 'Gå til login',
    steps: {
      discovery: 'Okta-organisationen blev fundet',
      issuer: 'Organisationens adresse svarer til den, Okta oplyser',
      endpoints: 'Oktas login-adresser kan bruges',
      jwks: 'Oktas signeringsnøgler er offentliggjort',
      pkce: 'PKCE understøttes',
      client: 'Okta accepterer klient-id’et',
      redirect: 'Login-omdirigerings-URI’en er registreret i Okta',
    },
    seen: {
      discovery_found: 'Organisationens login-indstillinger blev fundet på {url}.',
      discovery_status: '{url} svarede HTTP {status}.',
      discovery_redirect: '{url} svarede HTTP {status} og henviste til {location}.',
      discovery_not_json: '{url} svarede ikke med en organisations login-indstillinger.',
      discovery_unreachable: '{url} kunne ikke nås: {reason}.',
      issuer_exact: 'Okta oplyser præcis {issuer}.',
      issuer_other: 'Okta oplyser {announced}, ikke {issuer}.',
      issuer_missing: 'Svaret fra {issuer} nævner ingen Okta-organisation.',
      endpoints_ok: 'Oktas adresser til login, tokens og nøgler findes og er sikre.',
      endpoints_missing: 'Mangler eller bruger ikke https: {fields}.',
      jwks_keys: 'Okta offentliggør signeringsnøgler, Impero kan bruge: {count}.',
      jwks_status: '{url} svarede HTTP {status} uden nøgler.',
      jwks_no_rsa: '{url} har ingen nøgle, Impero kan bruge (RS256).',
      jwks_unreachable: '{url} kunne ikke nås: {reason}.',
      pkce_ok: 'Okta understøtter PKCE med S256.',
      pkce_missing: 'Okta oplyser ikke PKCE med S256 (den oplyser {methods}).',
      client_accepted: 'Okta accepterer klient-id’et {clientId}.',
      client_rejected_none: 'Okta accepterer ikke klient-id’et {clientId} uden klienthemmelighed.',
      client_rejected_secret: 'Okta accepterer ikke klient-id’et {clientId} med denne klienthemmelighed.',
      client_rejected_key: 'Okta accepterer ikke klient-id’et {clientId} med Imperos nøgle.',
      client_grant: 'Appen {clientId} må ikke bruge bevillingstypen Authorization Code.',
      client_unexpected: 'Okta svarede {answer}, ikke det svar, en fungerende app får.',
      client_unreachable: '{url} kunne ikke nås: {reason}.',
      redirect_ok: 'Okta sender brugerne tilbage til {uri}.',
      redirect_refused: 'Okta svarede HTTP {status} (sin fejlside) i stedet for at sende brugerne tilbage til {uri}.',
      redirect_elsewhere: 'Okta sendte brugerne til {location}, ikke tilbage til {uri}.',
      redirect_state: 'Okta sendte brugerne tilbage til {uri} uden loginnets kontrolværdi.',
      redirect_unreachable: '{url} kunne ikke nås: {reason}.',
      skipped_discovery: 'Ikke kontrolleret: organisationen skal findes først.',
      skipped_jwks: 'Ikke kontrolleret: Okta oplyser ingen brugbar adresse til sine nøgler.',
      skipped_token: 'Ikke kontrolleret: Okta oplyser ingen brugbar token-adresse.',
      skipped_authorize: 'Ikke kontrolleret: Okta oplyser ingen brugbar login-adresse.',
      skipped_client: 'Ikke kontrolleret: Okta skal først acceptere klient-id’et.',
    },
    hints: {
      org: 'Kontrollér Okta-organisationens adresse: den adresse, dine brugere logger ind på, fx dev-company.okta.com (ikke -admin-adressen, ingen sti).',
      issuer_other: 'Indtast præcis den adresse, Okta oplyser: {announced}.',
      issuer_missing: 'Dette er ikke en Okta-organisations adresse. Kontrollér organisationens adresse.',
      endpoints: 'Brug jeres Okta-organisations egen adresse: Impero skal bruge dens adresser til login, tokens og nøgler, alle på https.',
      jwks: 'Okta offentliggør sine nøgler på /oauth2/v1/keys; svarer den adresse ikke, er organisationens adresse sandsynligvis forkert.',
      pkce: 'Impero logger altid ind med PKCE (S256): brug en Okta-organisation, som understøtter det.',
      client_rejected_none: 'Kopiér klient-id’et fra appens fane General. Har appen en klienthemmelighed, så indtast også den.',
      client_rejected_secret:
        'Kopiér klient-id’et og den aktuelle klienthemmelighed fra appens fane General; appens klientgodkendelse skal være “Client secret”.',
      client_rejected_key:
        'Sæt appens klientgodkendelse til “Public key / Private key”, vælg “Use a URL to fetch keys dynamically”, og indtast {jwksUrl}.',
      client_grant: 'Tillad bevillingstypen Authorization Code i Okta-appen.',
      client_id: 'Kopiér klient-id’et fra appens fane General i Okta (det ligner 0oa…).',
      client_unreachable: 'Oktas token-adresse skal kunne nås fra Impero. Prøv igen om et minut.',
      redirect:
        'Tilføj {uri} under “Sign-in redirect URIs” på appens fane General i Okta, præcis som vist ovenfor, og gem. Okta sender ingen tilbage til en adresse, der ikke står der.',
      redirect_unreachable: 'Oktas login-adresse skal kunne nås fra Impero. Prøv igen om et minut.',
    },
  },
};
