import { describe, expect, it } from 'vitest';
import { DEFAULT_RETURN_TO, safeReturnTo } from '../../lambdas/core/return-to.js';

describe('safeReturnTo', () => {
  it.each([
    ['/reports', '/reports'],
    ['/reports?id=1&tab=2', '/reports?id=1&tab=2'],
    ['/a/b#section', '/a/b#section'],
    ['/', '/'],
  ])('keeps the same-host path %s', (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    '\\\\evil.example',
    '/%2F/evil.example',
    '/.//evil.example',
    '/..//evil.example',
    '/%5Cevil.example',
    'javascript:alert(1)',
    '/auth/callback?code=x',
    '/auth/login',
    'reports',
    '',
    '/a\nb',
    '/%E0%A4%A',
    '/' + 'a'.repeat(600),
    undefined,
    42,
  ])('falls back to the dashboard for %j', (input) => {
    expect(safeReturnTo(input)).toBe(DEFAULT_RETURN_TO);
  });
});
