import type { Change, DiffOptions, Migration } from '../../../shared/diff/migration.js';
import { refKey, type Catalog, type ObjectRef } from '../../../shared/model/catalog.js';
import { diffModels } from './diff-models.js';

type Diff = (from: Catalog, to: Catalog, options?: DiffOptions) => Migration;

/** The down migration's options: the same comparison, renames turned round; skip is worked out by object. */
export function reverseOptions(options: DiffOptions): DiffOptions {
  const { renames, skip: _skip, ...rest } = options;
  if (renames === undefined) return rest;
  if (renames === 'all') return { ...rest, renames };
  return { ...rest, renames: renames.map((r) => ({ from: r.to, to: r.from })) };
}

/**
 * What a change is about whichever way the diff runs: its kind and object. The action turns round (an add up is
 * a drop down) and change ids embed it, so ids do not carry across directions; objects do.
 */
const about = (kind: Change['kind'], object: ObjectRef) => `${kind}\0${refKey(object)}`;

/**
 * The migration that undoes `up` (TO → FROM) with the same changes left out: each change ticked out of `up`
 * (or following one out) is matched by kind and object to the down migration's change on the same object, and
 * that one is ticked out there, its dependants following by the down migration's own graph. A renamed object is
 * named by its old name up and its new name down: both names match.
 */
export function downMigration(
  from: Catalog,
  to: Catalog,
  up: Migration,
  options: DiffOptions = {},
  diff: Diff = diffModels,
): Migration {
  const reverse = reverseOptions(options);
  const plain = diff(to, from, reverse);
  if (up.skipped.length === 0) return plain;
  const upById = new Map(up.changes.map((c) => [c.id, c]));
  const renamedTo = new Map(
    Array.isArray(options.renames) ? options.renames.map((r) => [refKey(r.from), r.to] as const) : [],
  );
  const left = new Set<string>();
  for (const s of up.skipped) {
    const c = upById.get(s.id);
    if (c === undefined) continue;
    left.add(about(c.kind, c.object));
    const renamed = renamedTo.get(refKey(c.object));
    if (renamed !== undefined) left.add(about(c.kind, renamed));
  }
  const skip = plain.changes.filter((c) => left.has(about(c.kind, c.object))).map((c) => c.id);
  return skip.length === 0 ? plain : diff(to, from, { ...reverse, skip });
}
