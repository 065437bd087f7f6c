import type { DataChange } from '../../shared/contract/workbench.js';

type Values = Readonly<Record<string, string | null>>;

/** A data view's unsaved work: cell edits and deletions by row key, new rows in order. */
export interface Pending {
  readonly edits: Readonly<Record<string, { readonly key: Values; readonly set: Values }>>;
  readonly deletes: Readonly<Record<string, Values>>;
  readonly inserts: readonly { readonly id: string; readonly values: Values }[];
}

export const EMPTY_PENDING: Pending = { edits: {}, deletes: {}, inserts: [] };

/** A row's identity in the grid: its primary key values, in key order. */
export function rowKey(
  primaryKey: readonly string[],
  columns: readonly string[],
  row: readonly (string | null)[],
): Values {
  return Object.fromEntries(primaryKey.map((k) => [k, row[columns.indexOf(k)] ?? null]));
}

export const keyText = (key: Values, primaryKey: readonly string[]): string =>
  JSON.stringify(primaryKey.map((k) => key[k] ?? null));

/** Sets one cell; setting it back to the value it had drops the edit. */
export function editCell(
  pending: Pending,
  primaryKey: readonly string[],
  key: Values,
  column: string,
  value: string | null,
  original: string | null,
): Pending {
  const k = keyText(key, primaryKey);
  const current = pending.edits[k]?.set ?? {};
  const set: Record<string, string | null> = { ...current };
  if (value === original) delete set[column];
  else set[column] = value;
  const edits = { ...pending.edits };
  if (Object.keys(set).length === 0) delete edits[k];
  else edits[k] = { key, set };
  return { ...pending, edits };
}

export function toggleDelete(pending: Pending, primaryKey: readonly string[], key: Values): Pending {
  const k = keyText(key, primaryKey);
  const deletes = { ...pending.deletes };
  if (deletes[k]) delete deletes[k];
  else deletes[k] = key;
  return { ...pending, deletes };
}

export function addInsert(pending: Pending, id: string): Pending {
  return { ...pending, inserts: [...pending.inserts, { id, values: {} }] };
}

export function editInsert(
  pending: Pending,
  id: string,
  column: string,
  value: string | null | undefined,
): Pending {
  return {
    ...pending,
    inserts: pending.inserts.map((r) => {
      if (r.id !== id) return r;
      const values: Record<string, string | null> = { ...r.values };
      if (value === undefined) delete values[column];
      else values[column] = value;
      return { ...r, values };
    }),
  };
}

export function dropInsert(pending: Pending, id: string): Pending {
  return { ...pending, inserts: pending.inserts.filter((r) => r.id !== id) };
}

export function pendingCount(p: Pending): number {
  return Object.keys(p.edits).length + Object.keys(p.deletes).length + p.inserts.length;
}

/** The change the host applies: updates, then inserts, then deletes (an edited row that is deleted is only deleted). */
export function toChanges(p: Pending): DataChange[] {
  return [
    ...Object.entries(p.edits)
      .filter(([k]) => !p.deletes[k])
      .map(([, e]): DataChange => ({ kind: 'update', key: { ...e.key }, set: { ...e.set } })),
    ...p.inserts.map((r): DataChange => ({ kind: 'insert', values: { ...r.values } })),
    ...Object.values(p.deletes).map((key): DataChange => ({ kind: 'delete', key: { ...key } })),
  ];
}
