import type { Embeddable } from '../../../shared/contract/act-as-console.js';
import type { FkRelationship, Relationship, SchemaCache } from '../schema-cache/index.js';

/** The FK columns on the referencing side: the ones a `!hint` may name. */
function fkHintColumns(rel: FkRelationship): string[] {
  const c = rel.cardinality;
  if (c.kind === 'M2M') return [];
  const referencing = c.kind === 'M2O' || (c.kind === 'O2O' && !c.isParent);
  return c.columns.map(([mine, theirs]) => (referencing ? mine : theirs));
}

function describe(rel: Relationship): Embeddable {
  if (rel.kind === 'computed')
    return {
      from: { schema: rel.table.schema, name: rel.table.name },
      name: rel.function.name,
      target: { schema: rel.foreignTable.schema, name: rel.foreignTable.name },
      cardinality: 'computed',
      toOne: rel.toOne,
      hints: [],
    };
  const c = rel.cardinality;
  const cardinality =
    c.kind === 'M2O'
      ? 'many-to-one'
      : c.kind === 'O2M'
        ? 'one-to-many'
        : c.kind === 'O2O'
          ? 'one-to-one'
          : 'many-to-many';
  const hints =
    c.kind === 'M2M'
      ? [c.junction.table.name, c.junction.constraint1, c.junction.constraint2]
      : [c.constraint, ...fkHintColumns(rel)];
  return {
    from: { schema: rel.table.schema, name: rel.table.name },
    name: rel.foreignTable.name,
    target: { schema: rel.foreignTable.schema, name: rel.foreignTable.name },
    cardinality,
    toOne: c.kind === 'M2O' || c.kind === 'O2O',
    hints: [...new Set(hints)],
  };
}

/**
 * Every embed PostgREST would accept from each exposed relation, as its schema cache has them: FK based (tables
 * and views, both directions), many-to-many through junctions, and computed relationships. The console's path
 * completion reads these instead of re-deriving relationships from the catalog.
 */
export function embeddablesFromSchemaCache(cache: SchemaCache): Embeddable[] {
  const out: Embeddable[] = [];
  for (const rels of cache.relationships.values()) for (const rel of rels) out.push(describe(rel));
  return out;
}
