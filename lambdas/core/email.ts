/** Email and email-domain syntax, and the one canonical form used for matching. */

/** Longest address SMTP allows (RFC 5321 path limit minus the angle brackets). */
export const MAX_EMAIL_LENGTH = 254;

const LOCAL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Canonical email: trimmed and ASCII-lowercased, nothing else (no dot or plus folding). */
export function canonicalEmail(input: string): string {
  return input.trim().replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** A lowercase DNS name of two or more labels, e.g. `example.co.uk`. */
export function isEmailDomain(domain: string): boolean {
  if (domain.length > 253) return false;
  const labels = domain.split('.');
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && !/^[0-9]+$/.test(labels.at(-1)!);
}

/** Whether a canonical email is an address we accept: ASCII local part, a real domain. */
export function isEmail(email: string): boolean {
  if (email.length > MAX_EMAIL_LENGTH) return false;
  const at = email.lastIndexOf('@');
  if (at <= 0) return false;
  const local = email.slice(0, at);
  return LOCAL.test(local) && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..') && isEmailDomain(email.slice(at + 1));
}

export const emailDomain = (email: string): string => email.slice(email.lastIndexOf('@') + 1);
