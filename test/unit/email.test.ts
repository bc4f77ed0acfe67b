import { describe, expect, it } from 'vitest';
import { canonicalEmail, emailDomain, isEmail, isEmailDomain } from '../../lambdas/core/email.js';

describe('canonicalEmail', () => {
  it('trims and lowercases ASCII only', () => {
    expect(canonicalEmail('  Ada.Lovelace+X@Example.COM ')).toBe('ada.lovelace+x@example.com');
  });
  it('does no other folding (no dot or plus removal, no Unicode case folding)', () => {
    expect(canonicalEmail('a.b+c@example.com')).toBe('a.b+c@example.com');
    expect(canonicalEmail('ÅSA@example.com')).toBe('Åsa@example.com');
  });
});

describe('isEmail', () => {
  it.each(['ada@example.com', 'a.b+c@sub.example.co.uk', "o'neil@example.com"])('accepts %s', (e) => {
    expect(isEmail(e)).toBe(true);
  });
  it.each([
    'ada',
    '@example.com',
    'ada@',
    'ada@localhost',
    'a..b@example.com',
    '.a@example.com',
    'a b@example.com',
    'ada@exa_mple.com',
    'ada@-example.com',
    'ada@example.123',
    'Åsa@example.com',
    `${'a'.repeat(65)}@example.com`,
    `a@${'b'.repeat(250)}.com`,
  ])('rejects %s', (e) => {
    expect(isEmail(e)).toBe(false);
  });
});

describe('isEmailDomain', () => {
  it('accepts multi-label lowercase names and rejects the rest', () => {
    expect(isEmailDomain('example.com')).toBe(true);
    expect(isEmailDomain('Example.com')).toBe(false);
    expect(isEmailDomain('com')).toBe(false);
    expect(isEmailDomain('example..com')).toBe(false);
  });
  it('emailDomain takes the part after the last @', () => {
    expect(emailDomain('a@b.example.com')).toBe('b.example.com');
  });
});
