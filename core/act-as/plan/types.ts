/**
 * The typed plan of an act-as request (PostgREST's Plan/Types.hs, ReadPlan.hs, MutatePlan.hs, CallPlan.hs):
 * what to read/write/call, with every column resolved against the schema cache. The renderer turns it into SQL.
 */
import type {
  AggregateFunction,
  FtsOperator,
  InvokeMethod,
  IsVal,
  JoinType,
  JsonPath,
  LogicOperator,
  MediaType,
  Mutation,
  NonnegRange,
  OpQuantifier,
  OrderDirection,
  OrderNulls,
  PreferResolution,
  QuantOperator,
  SimpleOperator,
} from '../request/types.js';
import type { QualifiedName, Relationship, Routine } from '../schema-cache/types.js';

/** A column reference with what the planner knows about its type (PostgREST's CoercibleField). */
export interface CoercibleField {
  readonly name: string;
  readonly jsonPath: JsonPath;
  /** Wrap in to_jsonb() before applying the json path (the column is not json/jsonb). */
  readonly toJson: boolean;
  /** Full-text filter on a non-tsvector column: wrap in to_tsvector([lang,] col). */
  readonly toTsVector: { readonly language: string | null } | null;
  /** Column type ('' when the column is unknown to the schema cache). */
  readonly irType: string;
  readonly baseType: string;
  /** The column's declared type (a domain keeps its name); what data representations are looked up by. */
  readonly nominalType: string;
  /**
   * A data representation's function to apply (SQL name): to the column on output, to the parsed body value on
   * input, to the query-string value in filters (PostgREST's cfTransform). Null when none applies.
   */
  readonly transform: string | null;
  readonly default: string | null;
  /** Refer to the whole row (the table alias), used by count() on spreads. */
  readonly fullRow: boolean;
}

export interface SelectField {
  readonly field: CoercibleField;
  readonly aggregate: AggregateFunction | null;
  readonly aggregateCast: string | null;
  readonly cast: string | null;
  readonly alias: string | null;
}

/** A filter operation with its value(s) kept as text: PostgreSQL coerces the `unknown` parameters. */
export type FilterOperation =
  | { readonly type: 'simple'; readonly op: SimpleOperator; readonly value: string }
  | {
      readonly type: 'quant';
      readonly op: QuantOperator;
      readonly quantifier: OpQuantifier | null;
      readonly value: string;
    }
  | { readonly type: 'in'; readonly values: readonly string[] }
  | { readonly type: 'is'; readonly value: IsVal }
  | { readonly type: 'isdistinct'; readonly value: string }
  | {
      readonly type: 'fts';
      readonly op: FtsOperator;
      readonly language: string | null;
      readonly value: string;
    };

export type PlanFilter =
  | {
      readonly type: 'filter';
      readonly field: CoercibleField;
      readonly negated: boolean;
      readonly operation: FilterOperation;
    }
  /** `embed=is.null` / `embed=not.is.null` on an embedded resource: tests its aggregate alias. */
  | { readonly type: 'null-embed'; readonly negated: boolean; readonly aggAlias: string };

export type PlanLogicTree =
  | {
      readonly type: 'expr';
      readonly negated: boolean;
      readonly operator: LogicOperator;
      readonly children: readonly PlanLogicTree[];
    }
  | { readonly type: 'stmnt'; readonly filter: PlanFilter };

export type PlanOrderTerm =
  | {
      readonly type: 'field';
      readonly field: CoercibleField;
      readonly direction: OrderDirection | null;
      readonly nulls: OrderNulls | null;
    }
  | {
      /** Order by a column of a to-one embed: `relation` is the embed's aggregate alias once resolved. */
      readonly type: 'relation';
      readonly relation: string;
      readonly fieldName: string;
      readonly jsonPath: JsonPath;
      readonly direction: OrderDirection | null;
      readonly nulls: OrderNulls | null;
    };

/** `"qualifier"."column"`; qualifier schema '' means an alias. */
export interface ColumnRef {
  readonly qualifier: QualifiedName;
  readonly column: string;
}

export interface JoinCondition {
  readonly left: ColumnRef;
  readonly right: ColumnRef;
}

export interface SpreadSelectField {
  readonly selName: string;
  readonly aggregate: AggregateFunction | null;
  readonly aggregateCast: string | null;
  readonly alias: string | null;
}

export type RelSelectField =
  | {
      readonly type: 'json-embed';
      readonly selName: string;
      readonly aggAlias: string;
      readonly mode: 'object' | 'array';
      /** The embed selects nothing (`rel()`): only used for filtering, not output. */
      readonly emptyEmbed: boolean;
    }
  | { readonly type: 'spread'; readonly spreadSel: readonly SpreadSelectField[]; readonly aggAlias: string };

export type SpreadType =
  | { readonly type: 'to-one' }
  | {
      readonly type: 'to-many';
      readonly extraSelect: readonly (readonly [string | null, SelectField])[];
      readonly order: readonly PlanOrderTerm[];
    };

export interface ReadPlan {
  readonly select: readonly SelectField[];
  readonly from: QualifiedName;
  readonly fromAlias: string | null;
  readonly where: readonly PlanLogicTree[];
  readonly order: readonly PlanOrderTerm[];
  readonly range: NonnegRange;
  readonly relName: string;
  readonly relToParent: Relationship | null;
  /** For computed relationships: the alias (or table) the function is applied to. */
  readonly relTableAlias: QualifiedName | null;
  readonly relJoinConds: readonly JoinCondition[];
  readonly relAlias: string | null;
  readonly relAggAlias: string;
  readonly relHint: string | null;
  readonly relJoinType: JoinType | null;
  readonly relSpread: SpreadType | null;
  readonly depth: number;
  readonly relSelect: readonly RelSelectField[];
}

export interface ReadPlanTree {
  readonly node: ReadPlan;
  readonly children: readonly ReadPlanTree[];
  /** On the root: aliased embeds that filters, orders or limits named by relation name, as [relation, alias]. */
  readonly legacyTargets?: readonly (readonly [string, string])[];
}

/**
 * PostgREST 12's limited update/delete (`?limit=…&order=…` on PATCH/DELETE; removed in 13, CHANGELOG 13.0.0
 * #3013): the rows whose order columns match the first `range` rows in that order (v12.2.12 QueryBuilder.hs:135-191).
 */
export interface LimitedMutation {
  readonly range: NonnegRange;
  readonly order: readonly PlanOrderTerm[];
}

export type MutatePlan =
  | {
      readonly type: 'insert';
      readonly into: QualifiedName;
      readonly columns: readonly CoercibleField[];
      /** The JSON body text (object or array). */
      readonly body: string | null;
      readonly onConflict: {
        readonly resolution: PreferResolution;
        readonly columns: readonly string[];
      } | null;
      /** PUT: the URL's pk filters, checked against the body row. */
      readonly where: readonly PlanLogicTree[];
      readonly returning: readonly string[];
      readonly pkCols: readonly string[];
      readonly applyDefaults: boolean;
    }
  | {
      readonly type: 'update';
      readonly table: QualifiedName;
      readonly columns: readonly CoercibleField[];
      readonly body: string | null;
      readonly where: readonly PlanLogicTree[];
      readonly returning: readonly string[];
      readonly applyDefaults: boolean;
      readonly limited?: LimitedMutation;
    }
  | {
      readonly type: 'delete';
      readonly from: QualifiedName;
      readonly where: readonly PlanLogicTree[];
      readonly returning: readonly string[];
      readonly limited?: LimitedMutation;
    };

export type RpcParamValue =
  | { readonly type: 'fixed'; readonly value: string }
  | { readonly type: 'variadic'; readonly values: readonly string[] };

export interface CallPlan {
  readonly function: QualifiedName;
  readonly params:
    | { readonly type: 'one-positional'; readonly param: Routine['params'][number] }
    | { readonly type: 'keyed'; readonly params: Routine['params'] };
  readonly args:
    | { readonly type: 'direct'; readonly args: ReadonlyMap<string, RpcParamValue> }
    | { readonly type: 'json'; readonly json: string | null };
  readonly returnsScalar: boolean;
  readonly returnsSetOfScalar: boolean;
  readonly filterFields: readonly string[];
  readonly returning: readonly string[];
}

/** How the body is aggregated (PostgREST's MediaHandler for the built-in media types). */
export type MediaHandler =
  | { readonly type: 'json' }
  | { readonly type: 'json-strip' }
  | { readonly type: 'single'; readonly stripNulls: boolean }
  | { readonly type: 'csv' }
  | { readonly type: 'geojson' }
  | { readonly type: 'none' };

interface PlanBase {
  readonly handler: MediaHandler;
  /** The negotiated response media type. */
  readonly media: MediaType;
  readonly txMode: 'read' | 'write';
  readonly qi: QualifiedName;
}

export type Plan =
  | (PlanBase & { readonly type: 'read'; readonly readPlan: ReadPlanTree; readonly headersOnly: boolean })
  | (PlanBase & {
      readonly type: 'mutate';
      readonly readPlan: ReadPlanTree;
      readonly mutatePlan: MutatePlan;
      readonly mutation: Mutation;
    })
  | (PlanBase & {
      readonly type: 'call';
      readonly readPlan: ReadPlanTree;
      readonly callPlan: CallPlan;
      readonly routine: Routine;
      readonly invokeMethod: InvokeMethod;
    })
  /** OPTIONS: no statement; the response is an Allow header. */
  | { readonly type: 'info'; readonly allow: string };
