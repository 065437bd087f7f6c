import { matrixRows, type MatrixRow, type RowKind } from '../../shared/grants/matrix.js';
import type { CatalogIndex } from '../../shared/model/catalog-index.js';
import { refKey, type ObjectRef } from '../../shared/model/catalog.js';
import type { EffectivePrivilegeList } from '../../shared/model/effective-privileges.js';

const KINDS: Readonly<Record<ObjectRef['kind'], readonly RowKind[] | null>> = {
  schema: ['schema'],
  relation: ['table', 'column'],
  sequence: ['sequence'],
  function: ['function'],
  type: ['type'],
  column: ['column'],
  database: null,
  policy: null,
  trigger: null,
  index: null,
  constraint: null,
  role: null,
  extension: null,
  collation: null,
  statistics: null,
  publication: null,
  rule: null,
  language: null,
};

/** The matrix rows of one object: a table with every one of its columns, or a schema, function, sequence, type. */
export function rowsOfObject(index: CatalogIndex, ref: ObjectRef): MatrixRow[] {
  const kinds = KINDS[ref.kind] ?? null;
  if (kinds === null) return [];
  const schema = ref.kind === 'schema' ? ref.name : ref.schema;
  if (schema === null) return [];
  const want = refKey(ref.kind === 'column' ? { kind: 'relation', schema, name: ref.name } : ref);
  return matrixRows(index, { schemas: [schema], kinds, columns: true }).filter(
    (r) => refKey(r.ref) === want && (ref.kind !== 'column' || r.column === ref.member),
  );
}

/**
 * What a pinned role (db-anon-role, a request role) holds on the rows shown, to say "nothing" in its header —
 * the first thing a DBA checks for anon. Counts the objects with at least one effective privilege.
 */
export function objectsHeld(list: EffectivePrivilegeList, rows: readonly MatrixRow[]): number {
  const shown = new Set(rows.map((r) => refKey(r.ref)));
  const held = new Set<string>();
  for (const p of list) {
    const key = refKey(p.object);
    if (shown.has(key)) held.add(key);
  }
  return held.size;
}
