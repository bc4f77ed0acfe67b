/** Reading account CSV files: header rules, canonical emails, every bad row with its line. */
import { describe, expect, it } from 'vitest';
import { parseAccountsCsv } from '../../lambdas/support/csv-accounts.js';

describe('parseAccountsCsv', () => {
  it('reads rows with canonical emails, optional names and their line numbers', () => {
    const parsed = parseAccountsCsv(
      '\ufeffemail,name\r\n  Ada@Example.COM ,  Ada Lovelace \r\n\r\nbob@example.com,\r\n"carol@example.com","Carol, Jr."\r\n',
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toBe(3);
    expect(parsed.accounts).toEqual([
      { line: 2, email: 'ada@example.com', name: 'Ada Lovelace' },
      { line: 4, email: 'bob@example.com' },
      { line: 5, email: 'carol@example.com', name: 'Carol, Jr.' },
    ]);
  });

  it('accepts the columns in either order, an email-only file, and a row without its name cell', () => {
    expect(parseAccountsCsv('email,name\nada@example.com\n').accounts).toEqual([{ line: 2, email: 'ada@example.com' }]);
    expect(parseAccountsCsv('Name,Email\nAda,ada@example.com\n').accounts).toEqual([{ line: 2, email: 'ada@example.com', name: 'Ada' }]);
    expect(parseAccountsCsv('email\nada@example.com').accounts).toEqual([{ line: 2, email: 'ada@example.com' }]);
  });

  it('reports every bad row, not just the first', () => {
    const { problems, rows } = parseAccountsCsv(
      [
        'email,name',
        'a@example.com,A',
        'no-at-sign,B',
        ',C',
        'A@EXAMPLE.com,dup',
        'x@example.com,too,many',
        'y@example.com,' + 'n'.repeat(101),
        'z@example',
        'w@example.com,"tab\there"',
      ].join('\n'),
    );
    expect(rows).toBe(8);
    expect(problems).toEqual([
      { line: 3, message: '"no-at-sign" is not an email address' },
      { line: 4, message: 'email is empty' },
      { line: 5, message: 'a@example.com is a duplicate of line 2' },
      { line: 6, message: 'expected 2 fields, found 3' },
      { line: 7, message: 'name is longer than 100 characters' },
      { line: 8, message: '"z@example" is not an email address' },
      { line: 9, message: 'name contains control or invisible formatting characters (\\x09); use visible characters and spaces only' },
    ]);
  });

  it.each([
    ['an empty file', '', /the file is empty/],
    ['a header only', 'email,name\n', /header but no rows/],
    ['no email column', 'mail,name\nx@example.com,X\n', /header must be email,name/],
    ['an unknown column', 'email,name,role\nx@example.com,X,admin\n', /header must be email,name/],
    ['a repeated column', 'email,email\nx@example.com,y@example.com\n', /header must be email,name/],
    ['an unclosed quote', 'email,name\n"x@example.com,X\n', /not valid CSV: Quote Not Closed/],
  ])('rejects the whole file for %s', (_what, text, message) => {
    const parsed = parseAccountsCsv(text);
    expect(parsed.accounts).toEqual([]);
    expect(parsed.rows).toBe(0);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]!.message).toMatch(message);
  });
});
