import type { Catalog } from '../../shared/model/catalog.js';
import { postgrestView } from '../../shared/model/postgrest-roles.js';

/** What PostgREST exposes, reduced to what the path editor completes: relations, their columns, links and RPCs. */
export interface ApiRelation {
  readonly schema: string;
  readonly name: string;
  readonly kind: string;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  /** Foreign keys from this relation (many-to-one). */
  readonly foreignKeys: readonly {
    readonly name: string;
    readonly columns: readonly string[];
    readonly target: { readonly schema: string; readonly name: string };
  }[];
}

export interface ApiFunction {
  readonly schema: string;
  readonly name: string;
  readonly args: readonly { readonly name: string; readonly type: string }[];
  readonly returns: string;
  readonly returnsRelation: { readonly schema: string; readonly name: string } | null;
}

/** An embed the simulator's schema cache allows (actAsConsole.embeddables): FK, many-to-many, computed, views. */
export interface ApiEmbeddable {
  readonly from: { readonly schema: string; readonly name: string };
  /** What select= names: the target relation, or the function of a computed relationship. */
  readonly name: string;
  readonly target: { readonly schema: string; readonly name: string };
  readonly cardinality: 'many-to-one' | 'one-to-many' | 'one-to-one' | 'many-to-many' | 'computed';
  readonly hints: readonly string[];
}

export interface ApiModel {
  /** db-schemas in order; the first is the default (no Accept-Profile needed). */
  readonly schemas: readonly string[];
  readonly relations: readonly ApiRelation[];
  readonly functions: readonly ApiFunction[];
  /**
   * Every embed PostgREST accepts, from the host's schema cache. Absent (not loaded yet): completion falls back to
   * the catalog's foreign keys.
   */
  readonly embeddables?: readonly ApiEmbeddable[];
}

/** The exposed part of a catalog: relations and functions in the db-schemas (shared/model/postgrest-roles.ts). */
export function apiModelFromCatalog(catalog: Catalog, schemas: readonly string[]): ApiModel {
  const view = postgrestView(catalog, { schemas });
  return {
    schemas,
    relations: view.relations.map((r) => ({
      schema: r.schema,
      name: r.name,
      kind: r.kind,
      columns: r.columns.map((c) => ({ name: c.name, type: c.type.formatted })),
      foreignKeys: r.constraints.flatMap((c) =>
        c.kind === 'foreign_key' && c.foreignKey
          ? [
              {
                name: c.name,
                columns: c.columns,
                target: { schema: c.foreignKey.table.schema, name: c.foreignKey.table.name },
              },
            ]
          : [],
      ),
    })),
    functions: view.functions.map((f) => ({
      schema: f.schema,
      name: f.name,
      args: f.args
        .filter((a) => a.mode === 'in' || a.mode === 'inout' || a.mode === 'variadic')
        .map((a) => ({ name: a.name ?? '', type: a.type.formatted })),
      returns: f.returns.text ?? f.returns.type.formatted,
      returnsRelation: f.returns.relation
        ? { schema: f.returns.relation.schema, name: f.returns.relation.name }
        : null,
    })),
  };
}
