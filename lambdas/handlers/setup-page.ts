/** GET /auth/setup — an invited tenant's setup page: what to create in Okta, and the form. */
import { resolveSite } from '../core/host.js';
import { route } from '../http/route.js';
import { languageOf, param, queryOf } from '../http/request.js';
import type { SetupDeps } from '../core/setup-flow.js';
import { showSetup } from '../http/setup-form.js';

export const handler = route('html', async (event, deps: SetupDeps) =>
  showSetup(deps, resolveSite(deps.config, event.headers.host), param(queryOf(event), 'token', 64), languageOf(event)),
);
