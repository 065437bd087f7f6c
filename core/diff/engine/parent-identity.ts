import type { Column, Relation } from '../../../shared/model/catalog.js';
import type { Side } from './side.js';

/**
 * Whether a partition's identity column has its parent's identity (17+): it has no sequence of its own. ATTACH
 * gives it (and refuses a partition with an identity of its own), DETACH takes it away, and the parent's ALTERs
 * reach it: never written on the partition itself.
 */
export function identityFromParent(side: Side, r: Relation, c: Column): boolean {
  return (
    c.identity !== null &&
    r.partitionOf !== null &&
    side.lookup.identitySequences(r.schema, r.name).get(c.name) === undefined
  );
}

/** The column as the partition holds it on its own: without an identity that is its parent's. */
export function ownIdentity(side: Side, r: Relation, c: Column): Column {
  return identityFromParent(side, r, c) ? { ...c, identity: null } : c;
}
