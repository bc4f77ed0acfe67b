/**
 * `startIndex`/`count` (RFC 7644 §3.4.2.4) and the ListResponse (§3.4.2). Integers only;
 * `startIndex` below 1 is read as 1, `count` below 0 as 0, above MAX_RESULTS as MAX_RESULTS.
 */
import type { Listing, PageMark } from './directory.js';
import { scimError } from './errors.js';
import { LIST_RESPONSE_SCHEMA, type ResourceKind } from './schemas.js';

/** Default and largest page (ServiceProviderConfig `filter.maxResults`); Okta asks for 100. */
export const MAX_RESULTS = 100;

export interface Paging {
  /** 1-based. */
  startIndex: number;
  /** 0 asks for `totalResults` only. */
  count: number;
}

const INTEGER = /^[+-]?\d{1,15}$/;

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!INTEGER.test(value.trim())) throw scimError.invalidValue(`"${name}" must be an integer.`);
  return Number(value.trim());
}

export function parsePaging(query: { startIndex?: string; count?: string }): Paging {
  const startIndex = integer('startIndex', query.startIndex) ?? 1;
  const count = integer('count', query.count) ?? MAX_RESULTS;
  return { startIndex: Math.max(1, startIndex), count: Math.min(MAX_RESULTS, Math.max(0, count)) };
}

export function listResponse(total: number, startIndex: number, resources: Record<string, unknown>[]): Record<string, unknown> {
  return { schemas: [LIST_RESPONSE_SCHEMA], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources };
}

/** What a page of a listing needs besides the listing itself: where earlier pages ended. */
export interface PageMemory {
  recallPage(tenant: string, kind: ResourceKind, startIndex: number): Promise<PageMark | undefined>;
  rememberPage(tenant: string, kind: ResourceKind, startIndex: number, mark: PageMark): Promise<void>;
}

/**
 * One page of an unfiltered listing. Page 1 counts the listing and reads `count` items; a later
 * page starts at the mark the previous page left (one small read), so a full import of N items
 * reads about N items plus one count. Without a mark (expired, or a client jumping ahead) the
 * store skips `startIndex - 1` keys once, and the walk continues from there.
 */
export async function readPage<T>(
  listing: Listing<T>,
  memory: PageMemory,
  where: { tenant: string; kind: ResourceKind },
  paging: Paging,
): Promise<{ total: number; items: T[] }> {
  const { tenant, kind } = where;
  const mark = paging.startIndex > 1 ? await memory.recallPage(tenant, kind, paging.startIndex) : undefined;
  const total = mark?.total ?? (await listing.count(tenant));
  if (paging.count === 0 || paging.startIndex > total) return { total, items: [] };
  const after = mark ? mark.cursor : paging.startIndex > 1 ? await listing.skip(tenant, paging.startIndex - 1) : undefined;
  if (paging.startIndex > 1 && after === undefined) return { total, items: [] };
  const page = await listing.page(tenant, after, paging.count);
  if (page.next !== undefined && page.items.length > 0) {
    // Best effort: without the mark the next page skips keys once instead (slower, still right).
    await memory.rememberPage(tenant, kind, paging.startIndex + page.items.length, { cursor: page.next, total }).catch(() => undefined);
  }
  return { total, items: page.items };
}

/** The `[startIndex, startIndex + count)` slice of an already complete (filtered) result. */
export function slicePage<T>(all: readonly T[], paging: Paging): T[] {
  return paging.count === 0 ? [] : all.slice(paging.startIndex - 1, paging.startIndex - 1 + paging.count);
}
