/**
 * `/dev/provisioning` on the development IdP: a newcomer watches SCIM provisioning as the
 * customer's Okta does it. GET shows the form; POST runs one action (create, deactivate,
 * reactivate, push a group, remove from it) for a user of this org against the chosen app's
 * SCIM API, with the token from the app's Provisioning settings, and shows every request and
 * answer. The log line names the action, user id and statuses; never the token.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { negotiateLang } from '../core/language.js';
import type { DevDirectory } from './okta-idp-directory.js';
import { idpPageHeaders } from './okta-idp-pages.js';
import { provisioningPage, type ProvisioningResult } from './okta-idp-provisioning-page.js';
import {
  newProvisioningMemory,
  PROVISIONING_ACTIONS,
  provision,
  type ProvisioningAction,
  type ProvisioningMemory,
} from './okta-idp-scim-client.js';
import { readForm } from './okta-idp-universal-logout.js';

export const PROVISIONING_PAGE = '/dev/provisioning';
/** The group the form offers first. */
const DEFAULT_GROUP = 'Demo Team';

const isAction = (value: string | null): value is ProvisioningAction => PROVISIONING_ACTIONS.includes(value as ProvisioningAction);

export function provisioningHandler(directory: DevDirectory, log: (line: string) => void) {
  /** Per app: the ids its SCIM API gave, as Okta keeps them. */
  const memories = new Map<string, ProvisioningMemory>();
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const lang = negotiateLang(req.headers['accept-language']);
    const send = (status: number, chosen: { userId?: string; group?: string }, result?: ProvisioningResult) => {
      const clients = directory.provisioningClients().map((c) => c.clientId);
      const users = directory.allUsers().map(({ id, email, name }) => ({ id, email, name }));
      res.writeHead(status, idpPageHeaders(lang));
      res.end(
        provisioningPage(lang, {
          action: PROVISIONING_PAGE,
          clients,
          users,
          userId: chosen.userId,
          group: chosen.group || DEFAULT_GROUP,
          result,
        }),
      );
    };
    if (req.method !== 'POST') return send(200, {});
    const form = await readForm(req);
    const client = directory.client(form.get('client_id') ?? '');
    const user = directory.user(form.get('user_id') ?? '');
    const group = (form.get('group') ?? '').trim().slice(0, 100);
    const action = form.get('action');
    if (!client?.scim || !user || !group || !isAction(action)) return send(400, { userId: user?.id, group }, { kind: 'invalid' });
    let memory = memories.get(client.clientId);
    if (!memory) memories.set(client.clientId, (memory = newProvisioningMemory()));
    try {
      const run = await provision(client.scim, memory, action, user, group);
      log(
        `idp: provisioning ${action} of ${user.id} to client ${client.clientId}: ${run.exchanges.map((x) => `${x.method} ${x.status}`).join(', ')}`,
      );
      send(200, { userId: user.id, group }, { kind: 'ran', action, email: user.email, group, ...run });
    } catch (error) {
      send(502, { userId: user.id, group }, { kind: 'unreachable', reason: (error as Error).message });
    }
  };
}
