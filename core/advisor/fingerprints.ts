import type { FunctionInfo, Relation } from '../../shared/model/catalog.js';
import { refs } from '../ddl/index.js';
import type { AdvisorContext } from './context.js';
import { definitionOf, fingerprint } from './finding.js';

// Several findings name the same relation (one per unindexed foreign key, per command…): hash each object once per
// run. Keyed by the context, so a new run over a changed model never sees an old hash.
const memo = new WeakMap<AdvisorContext, WeakMap<object, string>>();

function once(ctx: AdvisorContext, key: object, compute: () => string): string {
  let byObject = memo.get(ctx);
  if (byObject === undefined) memo.set(ctx, (byObject = new WeakMap()));
  let hash = byObject.get(key);
  if (hash === undefined) byObject.set(key, (hash = compute()));
  return hash;
}

/**
 * What decides who may reach which rows of a relation: its kind, owner, RLS flags, view options and definition,
 * its grants and its policies. Columns, keys, indexes and triggers are left out: adding a column does not change
 * an RLS verdict, so it should not lapse an acknowledgement (and hashing them was most of the advisor's time).
 */
export function relationFingerprint(ctx: AdvisorContext, r: Relation): string {
  return once(ctx, r, () => {
    const {
      columns: _columns,
      constraints: _constraints,
      indexes: _indexes,
      triggers: _triggers,
      comment: _comment,
      rowTypeOid: _rowType,
      ...access
    } = definitionOf(r);
    return fingerprint(
      access,
      ctx.grantsOn(refs.relation(r.schema, r.name)),
      ctx.policiesOf(r.schema, r.name),
    );
  });
}

/** A relation's indexes (what an unindexed key or policy column finding depends on, with the key or column). */
export function indexesFingerprint(ctx: AdvisorContext, r: Relation): string {
  return once(ctx, r.indexes, () => fingerprint(r.indexes));
}

/** A function's definition and its grants. */
export function functionFingerprint(ctx: AdvisorContext, f: FunctionInfo): string {
  return once(ctx, f, () =>
    fingerprint(definitionOf(f), ctx.grantsOn(refs.function(f.schema, f.name, f.identityArgs))),
  );
}
