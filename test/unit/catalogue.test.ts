/**
 * Every language says everything: the same keys and placeholders as English, a page message
 * for every error code, real translations, and no protocol words a person cannot act on.
 */
import { describe, expect, it } from 'vitest';
import { MemoryDirectoryStore } from '../../lambdas/adapters/memory-directory.js';
import { AuthError, ErrorCode } from '../../lambdas/core/errors.js';
import { resolveAccount } from '../../lambdas/core/identity.js';
import { fill, LANGS, placeholders } from '../../lambdas/core/language.js';
import { catalogues, errorText, type MessageKey } from '../../lambdas/core/messages/catalogue.js';
import { selfTestEn } from '../../lambdas/core/messages/self-test-en.js';
import { checkSetupLink, newSetupLink } from '../../lambdas/core/setup-link.js';
import { devTexts } from '../../lambdas/dev/dev-texts.js';

type Tree = { [key: string]: string | Tree };

/** `{ a: { b: 'x' } }` → `{ 'a.b': 'x' }` */
function flatten(tree: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out[prefix + key] = value;
    else Object.assign(out, flatten(value, `${prefix}${key}.`));
  }
  return out;
}

/** What a translation gets wrong against English: missing or extra keys, empty texts, other placeholders. */
function differences(english: Tree, other: Tree): string[] {
  const en = flatten(english);
  const tr = flatten(other);
  const problems: string[] = [];
  for (const key of Object.keys(en)) if (!(key in tr)) problems.push(`missing ${key}`);
  for (const key of Object.keys(tr)) if (!(key in en)) problems.push(`extra ${key}`);
  for (const [key, text] of Object.entries(tr)) {
    if (text.trim() === '') problems.push(`empty ${key}`);
    else if (key in en && placeholders(text).join() !== placeholders(en[key]!).join()) problems.push(`placeholders of ${key}`);
  }
  return problems;
}

const sets = { product: catalogues, dev: devTexts } as unknown as Record<string, Record<string, Tree>>;

describe('message catalogues', () => {
  it('the check itself notices a missing key, an extra key, an empty text and a lost placeholder', () => {
    const english = { a: { b: 'Hi {name}', c: 'x' } };
    expect(differences(english, { a: { b: 'Hej', c: '', d: 'y' } }).sort()).toEqual(['empty a.c', 'extra a.d', 'placeholders of a.b']);
    expect(differences(english, { a: { b: 'Hej {name}' } })).toEqual(['missing a.c']);
  });

  for (const [name, byLang] of Object.entries(sets)) {
    it(`${name}: every language has exactly English’s keys and placeholders`, () => {
      expect(Object.keys(byLang).sort()).toEqual([...LANGS].sort());
      for (const lang of LANGS) expect({ lang, problems: differences(byLang.en!, byLang[lang]!) }).toEqual({ lang, problems: [] });
    });

    it(`${name}: every language other than English is translated, not copied`, () => {
      const en = flatten(byLang.en!);
      for (const lang of LANGS.filter((l) => l !== 'en')) {
        const copied = Object.entries(flatten(byLang[lang]!))
          .filter(([key, text]) => text === en[key])
          .map(([key]) => key);
        expect({ lang, copied }).toEqual({ lang, copied: [] });
      }
    });

    it(`${name}: no protocol jargon a person cannot act on`, () => {
      const jargon = /\b(invalid_\w+|access_denied|nonce|pkce|oauth|oidc|jwt|jwks|tokens?|redirect_uri|scopes?|state|issuer|grant)\b/i;
      // The setup pages' reader is the customer's Okta administrator, who acts on Okta's own
      // words (grant type, PKCE, token endpoint); they may use those, and no other protocol word.
      const adminWords = /\b(invalid_\w+|access_denied|nonce|oauth|oidc|jwt|jwks|redirect_uri|scopes?|state)\b/i;
      for (const lang of LANGS) {
        const found = Object.entries(flatten(byLang[lang]!)).filter(([key, text]) =>
          (key.startsWith('setup.') ? adminWords : jargon).test(text),
        );
        expect({ lang, found }).toEqual({ lang, found: [] });
      }
    });
  }

  it('has a page heading and message for every error code, in every language', () => {
    for (const lang of LANGS) {
      for (const code of Object.values(ErrorCode)) {
        const texts = catalogues[lang].errors[code];
        expect({ lang, code, title: Boolean(texts?.title), message: Boolean(texts?.message) }).toEqual({
          lang,
          code,
          title: true,
          message: true,
        });
      }
    }
  });
});

describe('errorText', () => {
  it('uses the code’s default message when the error names no other', () => {
    expect(errorText('da', new AuthError(ErrorCode.LOGIN_EXPIRED, 'x'))).toEqual(catalogues.da.errors.login_expired);
  });

  it('uses the error’s message key with its params', () => {
    const error = new AuthError(ErrorCode.TENANT_DISABLED, { messageKey: 'tenant_switched_off', params: { tenant: 'Acme' } });
    expect(errorText('en', error)).toEqual({
      title: 'Single sign-on is not available',
      message: 'Single sign-on for Acme is switched off. Contact your Impero administrator.',
    });
    expect(errorText('da', error).message).toBe('Single sign-on for Acme er slået fra. Kontakt din Impero-administrator.');
  });

  it('never builds a 5xx page from the failure: the code’s default text only', () => {
    const error = new AuthError(ErrorCode.INTERNAL, { messageKey: 'no_account_for_email', params: { email: 'db password hunter2' } });
    expect(errorText('en', error)).toEqual(catalogues.en.errors.internal_error);
  });
});

describe('an error that names a message', () => {
  const en = catalogues.en.messages;

  it('carries the English catalogue’s words as its public message (JSON answers, logs), with its params', () => {
    for (const messageKey of Object.keys(en) as MessageKey[]) {
      const params = Object.fromEntries(placeholders(en[messageKey]).map((name) => [name, `<${name}>`]));
      const error = new AuthError(ErrorCode.BAD_REQUEST, { messageKey, params });
      expect({ messageKey, publicMessage: error.publicMessage }).toEqual({ messageKey, publicMessage: fill(en[messageKey], params) });
      expect(error.publicMessage).not.toMatch(/\{\w+\}/);
    }
  });

  it('is worded nowhere else: the flows’ errors say what the catalogue says', async () => {
    const T0 = new Date('2030-01-01T00:00:00Z');
    const { token, link } = newSetupLink(T0);
    const spent = { name: 'Acme', status: 'active', setup: { ...link, spentAt: T0.toISOString() } } as Parameters<typeof checkSetupLink>[0];
    const used = (() => {
      try {
        return checkSetupLink(spent, token, T0);
      } catch (e) {
        return e as AuthError;
      }
    })();
    expect(used).toMatchObject({ messageKey: 'setup_link_used', publicMessage: fill(en.setup_link_used, { tenant: 'Acme' }) });
    await expect(resolveAccount(new MemoryDirectoryStore(), 'acme', { iss: 'https://acme.okta.com', sub: '00u1' })).rejects.toMatchObject({
      messageKey: 'email_not_shared',
      publicMessage: en.email_not_shared,
    });
  });
});

describe('support’s English for the self-test (messages/self-test-en.ts; English only, as the CLI is)', () => {
  // What a step's finding carries, and the few values only the English adds.
  const known = new Set([
    'url',
    'status',
    'location',
    'reason',
    'issuer',
    'announced',
    'fields',
    'count',
    'methods',
    'clientId',
    'jwksUrl',
    'answer',
    'uri',
  ]);
  const englishOnly = new Set(['method', 'endpoint', 'error', 'seconds', 'code', 'fixOrg', 'fixClientId']);

  it('every text says something and uses only values a step fills in', () => {
    const texts = flatten(selfTestEn);
    for (const [key, text] of Object.entries(texts)) {
      expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
      const unknown = placeholders(text).filter((name) => !known.has(name) && !englishOnly.has(name));
      expect({ key, unknown }).toEqual({ key, unknown: [] });
    }
  });
});
