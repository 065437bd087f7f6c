import type { Column, Relation } from '../../../shared/model/catalog.js';
import { LATE } from '../../ddl/object-phases.js';
import {
  alterForeignOptions,
  setColumnCompression,
  setColumnOptions,
  setColumnStatistics,
  setColumnStorage,
} from '../../ddl/tables.js';
import { retyped } from './compare.js';
import type { Diff } from './context.js';
import { regeneratedByDropAdd } from './classify.js';
import { recollated } from './emit-collations.js';
import { hazard } from './plan.js';

/** The column facts SET STORAGE / COMPRESSION / STATISTICS / SET (…) / OPTIONS (…) change, as a column has them. */
type Facts = Pick<Column, 'storage' | 'compression' | 'statistics' | 'options' | 'fdwOptions'>;
const NONE: Facts = {};

/**
 * Storage, compression, statistics targets and attribute options (n_distinct…) of the columns of a table, partition,
 * foreign table or materialized view that stays. Each is compared with what the column will have once the other
 * column changes ran: a column added (or dropped and added) starts with its type's defaults, a retyped one (or
 * re-collated) keeps its target and options but takes its new type's storage and no compression. Written late, after every ADD COLUMN and ALTER TYPE (a parent's
 * ALTER reaches its partitions), each with ONLY: partitions and children carry their own.
 */
export function emitColumnFacts(d: Diff, from: Relation, to: Relation, change: () => string): void {
  if (to.kind === 'view' || from.kind !== to.kind) return;
  const fromCols = new Map(from.columns.map((c) => [c.name, c]));
  for (const c of to.columns) {
    const f = fromCols.get(c.name);
    const before: Facts =
      f === undefined || regeneratedByDropAdd(d, from, c.name)
        ? NONE
        : retyped(f, c) || recollated(d, f)
          ? {
              ...(f.statistics !== undefined ? { statistics: f.statistics } : {}),
              ...(f.options !== undefined ? { options: f.options } : {}),
              ...(f.fdwOptions !== undefined ? { fdwOptions: f.fdwOptions } : {}),
            }
          : f;
    // SET STATISTICS takes a SHARE UPDATE EXCLUSIVE lock; STORAGE and COMPRESSION an ACCESS EXCLUSIVE one (no rewrite).
    const add = (s: ReturnType<typeof setColumnStorage>, locks = true) =>
      d.plan.add(
        'late',
        s,
        change(),
        locks
          ? [hazard('access_exclusive_lock', `${to.schema}.${to.name} is locked while ${c.name} changes`)]
          : [],
        LATE.ownedBy,
      );
    if (before.storage?.value !== c.storage?.value) {
      // Back to the type's default: the value the old column's type had (its type did not change).
      const value = c.storage?.value ?? before.storage?.typeDefault;
      if (value !== undefined) add(setColumnStorage(to, c.name, value));
    }
    if (before.compression !== c.compression) add(setColumnCompression(to, c.name, c.compression ?? null));
    if (before.statistics !== c.statistics) add(setColumnStatistics(to, c.name, c.statistics ?? null), false);
    // Attribute options (n_distinct…), kept by ALTER TYPE; SET takes the same lock as SET STATISTICS.
    const was = before.options ?? [];
    const now = c.options ?? [];
    const names = (o: readonly string[]) => o.map((x) => x.slice(0, x.indexOf('=')));
    const reset = names(was).filter((n) => !names(now).includes(n));
    const set = now.filter((o) => !was.includes(o));
    if (reset.length > 0) add(setColumnOptions(to, c.name, { reset }), false);
    if (set.length > 0) add(setColumnOptions(to, c.name, { set }), false);
    const fdw = alterForeignOptions(to.schema, to.name, before.fdwOptions ?? [], c.fdwOptions ?? [], c.name);
    if (fdw !== null) add(fdw);
  }
}
