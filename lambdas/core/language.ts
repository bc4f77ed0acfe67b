/**
 * The languages pages are written in, how a request picks one (`Accept-Language`), and the
 * small helpers every page uses: placeholders in catalogue texts, and dates through `Intl`.
 */

/** Every language a page exists in. The first is the default. Adding one: a catalogue in core/messages/ with every key of en.ts, listed in catalogue.ts. */
export const LANGS = ['en', 'da'] as const;
export type Lang = (typeof LANGS)[number];
const DEFAULT_LANG: Lang = LANGS[0];

/** The locale `Intl` formats dates in, per language: Impero's users are in Europe, so 24-hour clocks. */
const INTL_LOCALE: Record<Lang, string> = { en: 'en-GB', da: 'da-DK' };

/** An `Accept-Language` longer than this is not a browser's: it is read only up to here. */
const MAX_HEADER = 512;
const RANGE = /^([a-z]{1,8})(?:-[a-z0-9]{1,8})*$|^\*$/i;
const WEIGHT = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

interface Preference {
  /** The primary subtag, lowercased (`da` for `da-DK`), or `*`. */
  primary: string;
  q: number;
  position: number;
}

function preferences(header: string): Preference[] {
  const out: Preference[] = [];
  header
    .slice(0, MAX_HEADER)
    .split(',')
    .forEach((part, position) => {
      const [range = '', ...params] = part.split(';').map((s) => s.trim());
      if (!RANGE.test(range)) return;
      const weight = params.find((p) => /^q=/i.test(p));
      const q = weight === undefined ? 1 : WEIGHT.test(weight) ? Number(weight.slice(2)) : undefined;
      if (q === undefined) return;
      out.push({ primary: range.split('-')[0]!.toLowerCase(), q, position });
    });
  return out;
}

/**
 * The page language for an `Accept-Language` header (RFC 9110 §12.5.4): each language we
 * have gets the weight of the ranges naming it (`da`, `da-DK`, … → `da`), else that of `*`;
 * the highest weight above zero wins, ties go to the range listed first, then to `LANGS`
 * order. No header, nothing we have, or only `q=0` → the default (English).
 */
export function negotiateLang(header: string | undefined): Lang {
  if (!header) return DEFAULT_LANG;
  const prefs = preferences(header);
  const wildcard = prefs.find((p) => p.primary === '*');
  let best: { lang: Lang; q: number; position: number } = { lang: DEFAULT_LANG, q: 0, position: Infinity };
  for (const lang of LANGS) {
    const named = prefs.filter((p) => p.primary === lang);
    const pick = named.length > 0 ? named.reduce((a, b) => (b.q > a.q ? b : a)) : wildcard;
    if (pick && pick.q > best.q) best = { lang, q: pick.q, position: pick.position };
    else if (pick && pick.q === best.q && pick.q > 0 && pick.position < best.position) best = { lang, q: pick.q, position: pick.position };
  }
  return best.lang;
}

/** Replaces `{name}` placeholders; a placeholder without a value stays as written. */
export const fill = (template: string, params: Readonly<Record<string, string>> = {}): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);

/** The placeholders a text uses, for checking that translations keep them. */
export const placeholders = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

/** A moment as a person reads it in this language, in UTC (the zone pages say). */
export const formatDateTime = (lang: Lang, date: Date): string =>
  new Intl.DateTimeFormat(INTL_LOCALE[lang], { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date);
