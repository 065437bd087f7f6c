import type { Column, Relation } from '../../../shared/model/catalog.js';
import { identityIsParents } from '../../ddl/tables.js';
import type { Side } from './side.js';

/** Whether a partition's identity column on this side is its parent's (identityIsParents). */
export function identityFromParent(side: Side, r: Relation, c: Column): boolean {
  return identityIsParents(c, r.partitionOf, side.lookup.identitySequences(r.schema, r.name).get(c.name));
}

/** The column as the partition holds it on its own: without an identity that is its parent's. */
export function ownIdentity(side: Side, r: Relation, c: Column): Column {
  return identityFromParent(side, r, c) ? { ...c, identity: null } : c;
}
