/**
 * The PatchOp envelope (RFC 7644 §3.5.2): `schemas` names PatchOp, `Operations` is a
 * non-empty array of `{op, path?, value?}` with `op` add, replace or remove (any case).
 */
import { scimError } from './errors.js';
import { PATCH_OP_SCHEMA } from './schemas.js';

export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path?: string;
  value?: unknown;
}

/** Most operations in one PATCH; Okta sends one or two. */
const MAX_PATCH_OPERATIONS = 1000;
/** Longest `path` accepted. */
const MAX_PATH_LENGTH = 512;

export function parsePatchOperations(body: Record<string, unknown>): PatchOperation[] {
  if (!Array.isArray(body.schemas) || !body.schemas.includes(PATCH_OP_SCHEMA))
    throw scimError.invalidSyntax(`A PATCH body's "schemas" must include "${PATCH_OP_SCHEMA}".`);
  const ops = body.Operations ?? body.operations;
  if (!Array.isArray(ops) || ops.length === 0) throw scimError.invalidSyntax('A PATCH body needs a non-empty "Operations" array.');
  if (ops.length > MAX_PATCH_OPERATIONS) throw scimError.invalidSyntax(`A PATCH body may hold at most ${MAX_PATCH_OPERATIONS} operations.`);
  return ops.map((raw: unknown): PatchOperation => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw scimError.invalidSyntax('Each operation must be an object.');
    const { op, path, value } = raw as Record<string, unknown>;
    const name = typeof op === 'string' ? op.toLowerCase() : '';
    if (name !== 'add' && name !== 'replace' && name !== 'remove')
      throw scimError.invalidSyntax('"op" must be "add", "replace" or "remove".');
    if (path !== undefined && (typeof path !== 'string' || path.trim() === '' || path.length > MAX_PATH_LENGTH))
      throw scimError.invalidPath('"path" must be a non-empty attribute path.');
    if (name === 'remove' && path === undefined) throw scimError.noTarget('A "remove" operation needs a "path".');
    if (name !== 'remove' && value === undefined) throw scimError.invalidValue(`An "${name}" operation needs a "value".`);
    return { op: name, ...(path !== undefined ? { path: path.trim() } : {}), ...(value !== undefined ? { value } : {}) };
  });
}

/**
 * An attribute path `attr[.sub]` or `attr[filter][.sub]`, with an optional schema URN prefix:
 * its lowercased attribute (and sub-attribute) and the raw bracket filter, if any.
 */
export interface ParsedPath {
  attribute: string;
  subAttribute?: string;
  filter?: string;
}

const PATH = /^([A-Za-z][\w$-]*)(?:\[(.*)\])?(?:\.([A-Za-z][\w$-]*))?$/s;

export function parsePath(path: string, schema: string): ParsedPath {
  const bare = path.toLowerCase().startsWith(`${schema.toLowerCase()}:`) ? path.slice(schema.length + 1) : path;
  const match = PATH.exec(bare);
  if (!match) throw scimError.invalidPath(`"${bare.slice(0, 64)}" is not an attribute path.`);
  const [, attribute, filter, sub] = match;
  return {
    attribute: attribute!.toLowerCase(),
    ...(sub ? { subAttribute: sub.toLowerCase() } : {}),
    ...(filter !== undefined ? { filter } : {}),
  };
}
