/**
 * PostgREST's schema cache, as the act-as planner needs it: exposed relations with columns and primary keys,
 * relationships (FK based, through views, many-to-many, computed) and functions.
 */
import type { Representations } from './representations.js';

export interface QualifiedName {
  readonly schema: string;
  readonly name: string;
}

export function qualifiedKey(q: QualifiedName): string {
  return `${q.schema}\u0000${q.name}`;
}

export interface Column {
  readonly name: string;
  /** Type with domains resolved to their base type (PostgREST's colType), e.g. `integer`, `numeric`, `jsonb`. */
  readonly type: string;
  /** The declared type with modifiers, e.g. `numeric(12,2)`. */
  readonly nominalType: string;
  readonly nullable: boolean;
  /** Default expression (SQL text) or null. */
  readonly default: string | null;
}

export interface Table extends QualifiedName {
  readonly isView: boolean;
  readonly insertable: boolean;
  readonly updatable: boolean;
  readonly deletable: boolean;
  /** Primary key columns, sorted by name (for views: the columns mapping to the base table's PK). */
  readonly pk: readonly string[];
  readonly columns: readonly Column[];
  readonly columnsByName: ReadonlyMap<string, Column>;
}

export type ColumnPair = readonly [string, string];

export interface Junction {
  readonly table: QualifiedName;
  readonly constraint1: string;
  readonly constraint2: string;
  /** (origin column, junction column) pairs. */
  readonly colsSource: readonly ColumnPair[];
  /** (target column, junction column) pairs. */
  readonly colsTarget: readonly ColumnPair[];
}

export type Cardinality =
  | { readonly kind: 'O2M'; readonly constraint: string; readonly columns: readonly ColumnPair[] }
  | { readonly kind: 'M2O'; readonly constraint: string; readonly columns: readonly ColumnPair[] }
  | {
      readonly kind: 'O2O';
      readonly constraint: string;
      readonly columns: readonly ColumnPair[];
      readonly isParent: boolean;
    }
  | { readonly kind: 'M2M'; readonly junction: Junction };

export interface FkRelationship {
  readonly kind: 'fk';
  readonly table: QualifiedName;
  readonly foreignTable: QualifiedName;
  readonly isSelf: boolean;
  readonly cardinality: Cardinality;
  readonly tableIsView: boolean;
  readonly foreignTableIsView: boolean;
}

export interface ComputedRelationship {
  readonly kind: 'computed';
  readonly function: QualifiedName;
  readonly table: QualifiedName;
  readonly foreignTable: QualifiedName;
  readonly toOne: boolean;
  readonly isSelf: boolean;
}

export type Relationship = FkRelationship | ComputedRelationship;

export function relIsToOne(rel: Relationship): boolean {
  if (rel.kind === 'computed') return rel.toOne;
  return rel.cardinality.kind === 'M2O' || rel.cardinality.kind === 'O2O';
}

export interface RoutineParam {
  /** '' for an unnamed parameter. */
  readonly name: string;
  readonly type: string;
  /** The type to cast arguments to (character → character varying so any length is accepted). */
  readonly typeMaxLength: string;
  readonly required: boolean;
  readonly variadic: boolean;
}

export interface Routine extends QualifiedName {
  readonly params: readonly RoutineParam[];
  readonly returns: {
    readonly setOf: boolean;
    /** Composite (a table/row type, RETURNS TABLE, OUT params). */
    readonly composite: boolean;
    /** Schema/name of the returned type (for composites of a relation: the relation). */
    readonly type: QualifiedName;
    readonly isVoid: boolean;
  };
  readonly volatility: 'volatile' | 'stable' | 'immutable';
  readonly hasVariadic: boolean;
}

export function routineReturnsScalar(r: Routine): boolean {
  return !r.returns.setOf && !r.returns.composite;
}
export function routineReturnsSetOfScalar(r: Routine): boolean {
  return r.returns.setOf && !r.returns.composite;
}
export function routineReturnsSingleComposite(r: Routine): boolean {
  return !r.returns.setOf && r.returns.composite;
}
export function routineReturnsSingle(r: Routine): boolean {
  return !r.returns.setOf;
}
/** The relation a composite-returning function yields rows of (for select/embeds on its result). */
export function routineTableName(r: Routine): string | null {
  return r.returns.composite ? r.returns.type.name : null;
}

export interface SchemaCache {
  /** db-schemas, in order; the first is the default. */
  readonly schemas: readonly string[];
  /** Relations of the exposed schemas, by qualifiedKey. */
  readonly tables: ReadonlyMap<string, Table>;
  /** Relationships by qualifiedKey(origin table) — only those whose other side is in the same schema. */
  readonly relationships: ReadonlyMap<string, readonly Relationship[]>;
  /** Functions by qualifiedKey (overloads share a key), fewest parameters first. */
  readonly routines: ReadonlyMap<string, readonly Routine[]>;
  /** Data representations (./representations.ts); absent = none. */
  readonly representations?: Representations;
  /** Schemas of db-schemas and db-extra-search-path the database does not have; absent = none. */
  readonly unknownSchemas?: readonly string[];
}
