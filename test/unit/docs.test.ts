/**
 * The documents stay complete and linked: support's error-code table names every code the
 * product can answer with, and every relative link in README.md and docs/ reaches an existing
 * file (and, for a `#fragment` into a Markdown file, an existing heading).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../lambdas/core/errors.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DOCS = join(ROOT, 'docs');
const markdownFiles = [
  join(ROOT, 'README.md'),
  ...readdirSync(DOCS, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(DOCS, f)),
];

/** The text outside fenced code blocks and inline code, where a `[text](target)` is a link. */
const prose = (markdown: string): string => markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');

/** GitHub's anchor for a heading: lowercase, punctuation dropped, spaces to hyphens. */
const slug = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

const anchorsOf = (file: string): Set<string> =>
  new Set([...prose(readFileSync(file, 'utf8')).matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));

/** Relative links of a Markdown file: `[text](target)`, without external schemes. */
function relativeLinks(file: string): string[] {
  const links = [...prose(readFileSync(file, 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
  return links.filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

describe('docs/support/error-codes.md', () => {
  const table = readFileSync(join(DOCS, 'support/error-codes.md'), 'utf8');

  it.each(Object.values(ErrorCode))('has a row for %s', (code) => {
    expect(table).toMatch(new RegExp(`^\\| \`${code}\` \\|`, 'm'));
  });
});

describe('links in README.md and docs/', () => {
  it('finds the documents and their links', () => {
    expect(markdownFiles.length).toBeGreaterThan(10);
    expect(relativeLinks(join(ROOT, 'README.md'))).toContain('docs/architecture.md');
  });

  it('every relative link reaches an existing file, and every #fragment a heading there', () => {
    const broken = markdownFiles.flatMap((file) =>
      relativeLinks(file).flatMap((link) => {
        const [path, fragment] = link.split('#') as [string, string | undefined];
        const target = path ? resolve(dirname(file), decodeURI(path)) : file;
        const where = `${relative(ROOT, file)} → ${link}`;
        if (!existsSync(target)) return [`${where}: no such file`];
        if (fragment && target.endsWith('.md') && !anchorsOf(target).has(fragment)) return [`${where}: no such heading`];
        return [];
      }),
    );
    expect(broken).toEqual([]);
  });
});
