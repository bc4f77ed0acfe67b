/**
 * The message catalogues, one per language, and how an error becomes the words on its page.
 * English (`en.ts`) defines the shape; every other language must have exactly the same keys
 * (the type says so, and `test/unit/catalogue.test.ts` checks keys and placeholders too).
 * JSON answers and logs stay English: they use `AuthError.publicMessage`, never this.
 */
import type { AuthError } from '../errors.js';
import { fill, type Lang } from '../language.js';
import { da } from './da.js';
import { en } from './en.js';

export type Catalogue = typeof en;
/** A message more precise than its error code's default (`messages` in the catalogue). */
export type MessageKey = keyof Catalogue['messages'];

export const catalogues: Readonly<Record<Lang, Catalogue>> = { en, da };

export const textsFor = (lang: Lang): Catalogue => catalogues[lang];

/**
 * Heading and message of the page for an error: its `messageKey` (with its params) when it
 * has one, else its code's default. An error whose public message may not be shown (5xx)
 * gets its code's default, never anything built from the failure.
 */
export function errorText(lang: Lang, error: AuthError): { title: string; message: string } {
  const texts = textsFor(lang);
  // A code without texts cannot pass the type check or the catalogue test; never crash on one anyway.
  const { title, message } = texts.errors[error.code] ?? texts.errors.internal_error;
  if (!error.expose || !error.messageKey) return { title, message };
  return { title, message: fill(texts.messages[error.messageKey], error.params) };
}
