/**
 * The sign-in step of the development IdP: GET shows the form, POST checks the password and
 * hands the result back to oidc-provider, which resumes the authorization request.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Interaction, Provider } from 'oidc-provider';
import { negotiateLang, type Lang } from '../core/language.js';
import { INTERACTION_PATH } from './okta-idp-config.js';
import { NOT_ASSIGNED, type DevDirectory, type DevUser } from './okta-idp-directory.js';
import { errorPage, idpPageHeaders, loginPage } from './okta-idp-pages.js';

const MAX_FORM_BYTES = 8 * 1024;

function send(res: ServerResponse, status: number, lang: Lang, body: string): void {
  res.writeHead(status, idpPageHeaders(lang)).end(body);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function passwordMatches(user: DevUser, given: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(user.password), digest(given));
}

/** Handles `/interaction/<uid>`; anything it cannot resume gets a clear 400 page. */
export function interactionHandler(provider: Provider, directory: DevDirectory, log: (line: string) => void) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const uid = new URL(req.url ?? '/', 'http://idp').pathname.slice(INTERACTION_PATH.length);
    const lang = negotiateLang(req.headers['accept-language']);
    // A missing or expired interaction cookie makes oidc-provider throw SessionNotFound.
    const interaction: Interaction | undefined = await provider.interactionDetails(req, res).catch(() => undefined);
    if (!interaction || interaction.uid !== uid || interaction.prompt.name !== 'login') {
      return send(res, 400, lang, errorPage(lang, 'expired'));
    }
    const clientId = interaction.params.client_id;
    const view = { lang, action: `${INTERACTION_PATH}${uid}`, clientId };

    if (req.method === 'GET') return send(res, 200, lang, loginPage({ ...view, email: interaction.params.login_hint }));
    if (req.method !== 'POST') return send(res, 405, lang, errorPage(lang, 'notAllowed'));

    const form = await readForm(req);
    const email = form?.get('email') ?? '';
    const user = directory.userByEmail(email);
    if (!user || !passwordMatches(user, form?.get('password') ?? '')) {
      log(`idp: login failed for client ${clientId} (unknown email or wrong password)`);
      return send(res, 401, lang, loginPage({ ...view, email, failed: true }));
    }
    if (user.unassignedClients?.includes(clientId)) {
      log(`idp: ${user.id} is not assigned to client ${clientId}: access_denied`);
      return provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: NOT_ASSIGNED },
        { mergeWithLastSubmission: false },
      );
    }
    log(`idp: login ok ${user.id} for client ${clientId}`);
    return provider.interactionFinished(req, res, { login: { accountId: user.id } });
  };
}
