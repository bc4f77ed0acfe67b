import { describe, expect, it } from 'vitest';
import { fill, formatDateTime, negotiateLang, placeholders } from '../../lambdas/core/language.js';

describe('negotiateLang', () => {
  it.each([
    ['da', 'da'],
    ['da-DK', 'da'],
    ['DA-dk', 'da'],
    ['da-DK,da;q=0.9,en-US;q=0.8,en;q=0.7', 'da'],
    ['en-US,en;q=0.9,da;q=0.8', 'en'],
    ['en;q=0.5, da;q=0.9', 'da'],
    ['fr-FR, da;q=0.5', 'da'],
    ['de, fr', 'en'],
    ['da, en', 'da'],
    ['en, da', 'en'],
    ['*', 'en'],
    ['en;q=0, *', 'da'],
    ['da;q=0', 'en'],
    ['da;q=0, *;q=0.1', 'en'],
    ['da;q=2', 'en'],
    ['da;q=abc, en;q=0.1', 'en'],
    ['dansk', 'en'],
    ['', 'en'],
    [',,;;', 'en'],
  ] as const)('%j → %s', (header, lang) => {
    expect(negotiateLang(header)).toBe(lang);
  });

  it('defaults to English without a header, and reads only the start of an absurdly long one', () => {
    expect(negotiateLang(undefined)).toBe('en');
    expect(negotiateLang(`${'x-'.repeat(400)}, da`)).toBe('en');
  });
});

describe('fill and placeholders', () => {
  it('replaces every known placeholder and leaves unknown ones visible', () => {
    expect(fill('Sign in to {tenant} as {email}', { tenant: 'Acme', email: 'a@b' })).toBe('Sign in to Acme as a@b');
    expect(fill('Hi {who}', {})).toBe('Hi {who}');
    expect(fill('{x}', { x: '{y}', y: 'no' })).toBe('{y}');
  });
  it('lists the placeholders of a text, sorted', () => {
    expect(placeholders('{b} and {a} and {b}')).toEqual(['a', 'b', 'b']);
  });
});

describe('formatDateTime', () => {
  const moment = new Date(Date.UTC(2026, 10, 29, 23, 5));
  it('writes dates the way each language does, in UTC', () => {
    expect(formatDateTime('en', moment)).toBe('29 November 2026 at 23:05');
    expect(formatDateTime('da', moment)).toBe('29. november 2026 kl. 23.05');
  });
});
