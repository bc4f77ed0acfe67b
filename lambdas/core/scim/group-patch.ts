/**
 * PATCH of a Group as Okta's Group Push sends it: `replace` with value `{id, displayName}`,
 * `add` path `members` value `[{value}]`, `remove` path `members[value eq "…"]`, `replace` path
 * `members`; also `replace` path `displayName`, `remove` path `members` (with a value list or
 * none, which removes every member) and members in a path-less value. Membership becomes a
 * delta (add/remove ids) unless an operation replaces the whole list, so a PATCH costs what
 * it changes, never a read of every member.
 */
import { parse } from 'scim2-parse-filter';
import type { Filter } from 'scim2-parse-filter';
import type { GroupChange } from './directory.js';
import { scimError } from './errors.js';
import { attributeName } from './filter.js';
import { parseMemberIds } from './group-resource.js';
import { parsePath, type PatchOperation } from './patch-ops.js';
import { GROUP_SCHEMA } from './schemas.js';
import { parseExternalId, parseGroupName } from './values.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `value eq "…"` (or several joined by `or`) inside `members[…]` → the ids it names. */
function memberFilterIds(text: string): string[] {
  let filter: Filter;
  try {
    filter = parse(text);
  } catch {
    throw scimError.invalidPath('The members filter is malformed.');
  }
  const ids = (f: Filter): string[] => {
    if (f.op === 'or' && 'filters' in f) return f.filters.flatMap(ids);
    if (f.op === 'eq' && 'compValue' in f && typeof f.compValue === 'string' && attributeName(f.attrPath, GROUP_SCHEMA, ['value'] as const))
      return [f.compValue];
    throw scimError.invalidPath('Select members with value eq "<user id>".');
  };
  return ids(filter);
}

/** Membership edits in order, folded into one change. */
class Members {
  private set?: Set<string>;
  private readonly added = new Set<string>();
  private readonly removed = new Set<string>();

  replace(ids: string[]): void {
    this.set = new Set(ids);
    this.added.clear();
    this.removed.clear();
  }

  add(ids: string[]): void {
    for (const id of ids) {
      if (this.set) this.set.add(id);
      else {
        this.removed.delete(id);
        this.added.add(id);
      }
    }
  }

  remove(ids: string[]): void {
    for (const id of ids) {
      if (this.set) this.set.delete(id);
      else {
        this.added.delete(id);
        this.removed.add(id);
      }
    }
  }

  change(): GroupChange['members'] {
    if (this.set) return { set: [...this.set] };
    if (this.added.size === 0 && this.removed.size === 0) return undefined;
    return { add: [...this.added], remove: [...this.removed] };
  }
}

/** The group change the operations make; `id` is the group's, which a value may repeat but not change. */
export function patchGroup(id: string, ops: readonly PatchOperation[]): GroupChange {
  const change: GroupChange = {};
  const members = new Members();
  const setAttribute = (op: 'add' | 'replace', attribute: string, value: unknown) => {
    if (attribute === 'displayname') change.displayName = parseGroupName(value);
    else if (attribute === 'externalid') change.externalId = parseExternalId(value) ?? null;
    else if (attribute === 'members') {
      if (op === 'add') members.add(parseMemberIds(value));
      else members.replace(parseMemberIds(value));
    } else if (attribute === 'id') {
      if (value !== id) throw scimError.mutability('"id" cannot be changed.');
    } else if (attribute === 'meta' || attribute === 'schemas') throw scimError.mutability(`"${attribute}" cannot be changed.`);
  };
  for (const op of ops) {
    if (op.path === undefined) {
      if (!isObject(op.value)) throw scimError.invalidValue(`An "${op.op}" without "path" needs an object "value".`);
      for (const [key, value] of Object.entries(op.value)) setAttribute(op.op as 'add' | 'replace', key.toLowerCase(), value);
      continue;
    }
    const path = parsePath(op.path, GROUP_SCHEMA);
    if (path.attribute !== 'members' && path.filter !== undefined) throw scimError.invalidPath(`"${path.attribute}" takes no filter.`);
    if (op.op !== 'remove') {
      if (path.filter !== undefined || path.subAttribute !== undefined)
        throw scimError.invalidPath('Add or replace members with path "members" and a list of {"value"}.');
      setAttribute(op.op, path.attribute, op.value);
    } else if (path.attribute === 'members') {
      if (path.filter !== undefined) members.remove(memberFilterIds(path.filter));
      else if (op.value !== undefined) members.remove(parseMemberIds(op.value));
      else members.replace([]);
    } else if (path.attribute === 'externalid') change.externalId = null;
    else if (path.attribute === 'displayname') throw scimError.mutability('A group keeps its "displayName"; replace it instead.');
    else if (['id', 'meta', 'schemas'].includes(path.attribute)) throw scimError.mutability(`"${path.attribute}" cannot be removed.`);
  }
  const memberChange = members.change();
  if (memberChange) change.members = memberChange;
  return change;
}
