/** SCIM bearer tokens: shape, hash-only storage, rotation with a 24-hour overlap, revocation. */
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../lambdas/core/random-tokens.js';
import { bearerToken, issueScimToken, verifyScimToken, withoutExpiredPrevious } from '../../../lambdas/core/scim/token.js';

const at = (iso: string) => new Date(iso);

describe('SCIM tokens', () => {
  it('issues scim_ + 256 random bits and stores only the SHA-256', () => {
    const { token, record } = issueScimToken(undefined, at('2026-03-01T00:00:00Z'));
    expect(token).toMatch(/^scim_[A-Za-z0-9_-]{43}$/);
    expect(record).toEqual({ hash: sha256(token), issuedAt: '2026-03-01T00:00:00.000Z' });
    expect(JSON.stringify(record)).not.toContain(token.slice(5));
    expect(verifyScimToken(record, token, at('2026-03-01T00:00:01Z'))).toBe(true);
  });

  it('keeps the previous token working for 24 hours after a new one, and ends any older one', () => {
    const first = issueScimToken(undefined, at('2026-03-01T00:00:00Z'));
    const second = issueScimToken(first.record, at('2026-03-02T00:00:00Z'));
    expect(verifyScimToken(second.record, first.token, at('2026-03-02T23:59:59Z'))).toBe(true);
    expect(verifyScimToken(second.record, first.token, at('2026-03-03T00:00:00Z'))).toBe(false);
    expect(verifyScimToken(second.record, second.token, at('2026-03-03T00:00:00Z'))).toBe(true);
    const third = issueScimToken(second.record, at('2026-03-02T01:00:00Z'));
    expect(verifyScimToken(third.record, first.token, at('2026-03-02T01:00:01Z'))).toBe(false);
    expect(verifyScimToken(third.record, second.token, at('2026-03-02T01:00:01Z'))).toBe(true);
    expect(withoutExpiredPrevious(third.record, at('2026-03-04T00:00:00Z'))).toEqual({
      hash: third.record.hash,
      issuedAt: third.record.issuedAt,
    });
  });

  it('refuses everything once revoked (no record), and wrong or malformed tokens', () => {
    const { token, record } = issueScimToken(undefined, at('2026-03-01T00:00:00Z'));
    const now = at('2026-03-01T01:00:00Z');
    expect(verifyScimToken(undefined, token, now)).toBe(false);
    expect(verifyScimToken(record, issueScimToken(undefined, now).token, now)).toBe(false);
    expect(verifyScimToken(record, undefined, now)).toBe(false);
    expect(verifyScimToken(record, token.slice(0, -1), now)).toBe(false);
    expect(verifyScimToken(record, record.hash, now)).toBe(false);
  });

  it.each([
    ['Bearer scim_' + 'a'.repeat(43), 'scim_' + 'a'.repeat(43)],
    ['bearer  scim_' + 'a'.repeat(43), 'scim_' + 'a'.repeat(43)],
    ['Basic scim_' + 'a'.repeat(43), undefined],
    ['Bearer ' + 'a'.repeat(48), undefined],
    ['Bearer', undefined],
    [undefined, undefined],
  ])('reads the Authorization header %s', (header, token) => expect(bearerToken(header)).toBe(token));
});
