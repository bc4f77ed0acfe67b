/** GET /auth/login — the login page: email and Next. */
import { resolveSite } from '../core/host.js';
import { loginForm, type LoginFormDeps } from '../http/login-form.js';
import { route } from '../http/route.js';
import { languageOf, param, queryOf } from '../http/request.js';

export const handler = route('html', async (event, deps: LoginFormDeps) =>
  loginForm(deps, resolveSite(deps.config, event.headers.host), 200, {
    lang: languageOf(event),
    returnTo: param(queryOf(event), 'return_to'),
  }),
);
