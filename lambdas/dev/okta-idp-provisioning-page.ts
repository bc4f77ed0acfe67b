/**
 * HTML of the development IdP's Provisioning page: a form (app, user, group, one button per
 * action) and, after an action, what it came to and every SCIM request with the app's answer.
 * Remote text (the app's answers, an error) is shown as it came, escaped.
 */
import { escapeHtml } from '../core/html.js';
import { fill, type Lang } from '../core/language.js';
import { devTexts } from './dev-texts.js';
import { PROVISIONING_ACTIONS, type ProvisioningAction, type ProvisioningRun, type ScimExchange } from './okta-idp-scim-client.js';
import { page } from './okta-idp-pages.js';

export type ProvisioningResult =
  | { kind: 'invalid' }
  | { kind: 'unreachable'; reason: string }
  | ({ kind: 'ran'; action: ProvisioningAction; email: string; group: string } & ProvisioningRun);

export interface ProvisioningView {
  /** Where the form posts. */
  action: string;
  clients: string[];
  users: { id: string; email: string; name: string }[];
  /** The user and group the form shows chosen (the last ones acted on). */
  userId?: string;
  group: string;
  result?: ProvisioningResult;
}

const pretty = (value: unknown) => escapeHtml(JSON.stringify(value, null, 2).slice(0, 4000));

function exchangeItem(lang: Lang, x: ScimExchange): string {
  const t = devTexts[lang].provisioning;
  const request =
    x.request === undefined ? '' : `\n<details><summary>${escapeHtml(t.requestBody)}</summary><pre>${pretty(x.request)}</pre></details>`;
  const answer =
    x.answer === undefined ? '' : `\n<details><summary>${escapeHtml(t.answerBody)}</summary><pre>${pretty(x.answer)}</pre></details>`;
  return `<li><code>${escapeHtml(`${x.method} ${x.path}`)}</code> → <strong>HTTP ${x.status}</strong>${request}${answer}</li>`;
}

function resultText(lang: Lang, result: ProvisioningResult): string {
  const t = devTexts[lang].provisioning;
  if (result.kind === 'invalid') return t.invalid;
  if (result.kind === 'unreachable') return fill(t.unreachable, { reason: result.reason });
  const values = { email: result.email, group: result.group, status: String(result.exchanges.at(-1)?.status ?? 0) };
  if (result.outcome === 'done') return fill(t.done[result.action], values);
  return fill(t[result.outcome], values);
}

export function provisioningPage(lang: Lang, view: ProvisioningView): string {
  const t = devTexts[lang].provisioning;
  const option = (value: string, label: string, selected: boolean) =>
    `<option value="${escapeHtml(value)}"${selected ? ' selected' : ''}>${escapeHtml(label)}</option>`;
  const clients = view.clients.map((c, i) => option(c, c, i === 0)).join('');
  const users = view.users.map((u, i) => option(u.id, `${u.name} <${u.email}>`, view.userId ? u.id === view.userId : i === 0)).join('');
  const buttons = PROVISIONING_ACTIONS.map(
    (a) => `<button type="submit" name="action" value="${a}" id="${a}">${escapeHtml(t[a])}</button>`,
  ).join('\n');
  const result = view.result ? `<p role="status" id="result">${escapeHtml(resultText(lang, view.result))}</p>\n` : '';
  const exchanges =
    view.result?.kind === 'ran' && view.result.exchanges.length > 0
      ? `\n<h2>${escapeHtml(t.exchanges)}</h2>\n<ol id="exchanges">\n${view.result.exchanges.map((x) => exchangeItem(lang, x)).join('\n')}\n</ol>`
      : '';
  return page(
    lang,
    t.title,
    `<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.intro)}</p>
${result}<form method="post" action="${escapeHtml(view.action)}">
<label for="client_id">${escapeHtml(t.app)}</label>
<select id="client_id" name="client_id">${clients}</select>
<label for="user_id">${escapeHtml(t.user)}</label>
<select id="user_id" name="user_id">${users}</select>
<label for="group">${escapeHtml(t.group)}</label>
<input id="group" name="group" required maxlength="100" value="${escapeHtml(view.group)}">
<fieldset><legend>${escapeHtml(t.actions)}</legend>
${buttons}
</fieldset>
</form>${exchanges}`,
    true,
  );
}
