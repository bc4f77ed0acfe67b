/**
 * The `filter` query parameter (RFC 7644 §3.4.2.2). The grammar is parsed by
 * `scim2-parse-filter`; the product supports exactly one comparison, `<attribute> eq "<string>"`,
 * on the attributes it keeps an index for. Anything else is 400 invalidFilter.
 */
import { parse, type Filter } from 'scim2-parse-filter';
import { scimError } from './errors.js';
import { GROUP_SCHEMA, USER_SCHEMA } from './schemas.js';

/** Longest filter accepted (a `userName eq` of the longest email fits several times). */
const MAX_FILTER_LENGTH = 1024;

export interface EqFilter<A extends string> {
  attribute: A;
  value: string;
}

export type UserFilter = EqFilter<'userName' | 'externalId'>;
export type GroupFilter = EqFilter<'displayName'>;

/** Parses with the library; any parse error is invalidFilter (its message is not shown). */
function parseFilterText(text: string): Filter {
  if (text.length > MAX_FILTER_LENGTH) throw scimError.invalidFilter(`The filter is longer than ${MAX_FILTER_LENGTH} characters.`);
  try {
    return parse(text);
  } catch {
    throw scimError.invalidFilter('The filter is malformed.');
  }
}

/**
 * An attribute path, compared without regard to case (RFC 7644 §3.10), optionally prefixed
 * with the resource's core schema URN; returns the supported spelling or undefined.
 */
export function attributeName<A extends string>(path: string, schema: string, supported: readonly A[]): A | undefined {
  const lower = path.toLowerCase();
  const bare = lower.startsWith(`${schema.toLowerCase()}:`) ? lower.slice(schema.length + 1) : lower;
  return supported.find((a) => a.toLowerCase() === bare);
}

function eqFilter<A extends string>(text: string | undefined, schema: string, supported: readonly A[]): EqFilter<A> | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const filter = parseFilterText(text);
  const only = `Only ${supported.map((a) => `${a} eq "…"`).join(' and ')} filters are supported.`;
  if (filter.op !== 'eq' || !('attrPath' in filter)) throw scimError.invalidFilter(only);
  const attribute = attributeName(filter.attrPath, schema, supported);
  if (!attribute) throw scimError.invalidFilter(only);
  if (typeof filter.compValue !== 'string') throw scimError.invalidFilter(`Compare "${attribute}" with a string.`);
  return { attribute, value: filter.compValue };
}

export const parseUserFilter = (text: string | undefined): UserFilter | undefined =>
  eqFilter(text, USER_SCHEMA, ['userName', 'externalId'] as const);

export const parseGroupFilter = (text: string | undefined): GroupFilter | undefined =>
  eqFilter(text, GROUP_SCHEMA, ['displayName'] as const);
