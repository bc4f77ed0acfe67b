/** The one sanitizer for remote strings: what it escapes, what it keeps, and that JSON stays exact. */
import { describe, expect, it } from 'vitest';
import { firstUnsafeCharacter, printable, printableJson, printableLines } from '../../lambdas/core/printable.js';

describe('printable', () => {
  it.each([
    ['ESC (C0)', 'a\u001b[2Kb', 'a\\x1b[2Kb'],
    ['BEL, CR, LF, TAB', '\u0007\r\n\t', '\\x07\\x0d\\x0a\\x09'],
    ['DEL', 'a\u007fb', 'a\\x7fb'],
    ['CSI and OSC as C1', '\u009b2J\u009d0;x\u009c', '\\x9b2J\\x9d0;x\\x9c'],
    ['bidi override and isolates', '\u202egnp\u2066x\u2069', '\\u202egnp\\u2066x\\u2069'],
    ['bidi marks', '\u200e\u200f\u061c', '\\u200e\\u200f\\u061c'],
    ['zero-width characters and BOM', '\u200b\u200c\u200d\u2060\ufeff', '\\u200b\\u200c\\u200d\\u2060\\ufeff'],
    ['line and paragraph separators', '\u2028\u2029', '\\u2028\\u2029'],
    ['Hangul fillers, which render blank', 'A\u3164B\u115f', 'A\\u3164B\\u115f'],
    ['Unicode tag characters (hidden text)', 'ok\u{E0069}\u{E0067}', 'ok\\u{e0069}\\u{e0067}'],
  ])('escapes %s visibly', (_what, input, shown) => {
    expect(printable(input)).toBe(shown);
  });

  it('keeps everything else, including non-Latin scripts and emoji', () => {
    const text = 'https://dev-acme.okta.com ✓ ✗ Ørsted 株式会社 שלום 🚀 "quoted" \\x1b';
    expect(printable(text)).toBe(text);
  });

  it('keeps line ends only where asked to', () => {
    expect(printableLines('one\ntwo\u001b[1A\r')).toBe('one\ntwo\\x1b[1A\\x0d');
  });

  it('keeps JSON the same value while making it inert', () => {
    const value = { issuer: '\u001b]0;x\u0007\u009b2J\u202e\u{E0041}', n: 1 };
    const out = printableJson(JSON.stringify(value, null, 2));
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e\u{E0041}]/u);
    expect(JSON.parse(out)).toEqual(value);
  });

  it('names the first unsafe character of a string', () => {
    expect(firstUnsafeCharacter('Acme\u202eX\u200b')).toBe('\\u202e');
    expect(firstUnsafeCharacter('Acme')).toBeUndefined();
  });
});
