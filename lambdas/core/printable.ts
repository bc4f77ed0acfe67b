/**
 * Characters that must never reach a terminal or a page as they came from someone else:
 * C0 and C1 controls (ESC sequences can move the cursor, erase lines, retitle a terminal),
 * DEL, line and paragraph separators, and the invisible format characters that reorder or
 * hide text (bidi embeddings, overrides, isolates and marks; zero-width spaces and joiners;
 * the BOM). The support CLI prints every remote string through `printable`, and the setup
 * page shows self-test results through it too.
 */

/**
 * One class for all of them, so that what is escaped for display is what names may not hold.
 * Besides the above: the Hangul fillers (they render as blanks), the interlinear annotation
 * marks, and the Unicode tag characters (invisible text smuggled inside a string).
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- control characters are what this finds
  /[\u0000-\u001f\u007f-\u009f\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\u{e0000}-\u{e007f}]/gu;

/** How one unsafe character is shown: `\x1b`, `\u202e`, `\u{e0041}`. Visible, so the reader sees something was there. */
function escapeCharacter(c: string): string {
  const code = c.codePointAt(0)!;
  if (code > 0xffff) return `\\u{${code.toString(16)}}`;
  return code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
}

/** `text` with every unsafe character replaced by its visible escape; safe text is returned as is. */
export const printable = (text: string): string => text.replace(UNSAFE, escapeCharacter);

/**
 * Like `printable`, but keeps line ends: for output composed of our own lines, where each
 * remote value has already been made printable on its own.
 */
export const printableLines = (text: string): string => text.replace(UNSAFE, (c) => (c === '\n' ? c : escapeCharacter(c)));

/**
 * Output of JSON.stringify with every unsafe character inside its strings as a `\uXXXX`
 * escape: the same value to a JSON parser, and inert on a terminal. JSON.stringify escapes
 * C0 itself but not DEL, C1 or bidi controls; the only raw C0 left is the indentation's `\n`.
 */
export const printableJson = (json: string): string => json.replace(UNSAFE, (c) => (c === '\n' ? c : jsonEscape(c)));

/** JSON's escape: `\uXXXX` per UTF-16 unit (a tag character becomes its surrogate pair). */
function jsonEscape(c: string): string {
  return Array.from({ length: c.length }, (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
}

/** The first unsafe character of `text`, as its escape (`\u202e`), or undefined when there is none. */
export function firstUnsafeCharacter(text: string): string | undefined {
  const match = text.match(new RegExp(UNSAFE.source, 'u'));
  return match ? escapeCharacter(match[0]) : undefined;
}
