/**
 * PostgREST's routines (SchemaCache.hs, funcsSqlQuery): the plain functions (prokind 'f') of db-schemas that are
 * callable by name, with their input parameters, return type (domains resolved) and volatility.
 */
import type { Catalog, FunctionInfo, TypeRef } from '../../../shared/model/catalog.js';
import type { ColumnFacts } from './columns.js';
import { qualifiedKey, type Routine, type RoutineParam } from './types.js';

/** Types PostgREST casts to without their length limit, so any argument length is accepted. */
const MAX_LENGTH: Readonly<Record<string, string>> = {
  bit: 'bit varying',
  'bit[]': 'bit varying[]',
  character: 'character varying',
  'character[]': 'character varying[]',
};

/** A single unnamed argument is callable with the whole body when it is one of these. */
const SINGLE_UNNAMED = new Set(['bytea', 'json', 'jsonb', 'text', 'xml']);

const INPUT = new Set(['in', 'inout', 'variadic']);

/**
 * The parameters as PostgREST lists them: `unnest(proargnames, proargtypes, proargmodes)`, i.e. the names and
 * modes of all arguments zipped by position with the types of the input ones, rows without a type dropped. For
 * the usual order (inputs before outputs) that is every input argument; PostgREST's pairing is kept as is.
 * Null when the function is not callable (more than one unnamed parameter, or one of a type a body cannot be).
 */
function params(f: FunctionInfo): RoutineParam[] | null {
  const all = f.args;
  const inputTypes: TypeRef[] = all.filter((a) => INPUT.has(a.mode)).map((a) => a.type);
  const required = inputTypes.length - all.filter((a) => INPUT.has(a.mode) && a.hasDefault).length;
  const out: RoutineParam[] = [];
  for (let i = 0; i < inputTypes.length; i++) {
    const type = (inputTypes[i] as TypeRef).formatted;
    const arg = all[i];
    const name = arg?.name ?? '';
    out.push({
      name,
      type,
      typeMaxLength: MAX_LENGTH[type] ?? type,
      required: i + 1 <= required,
      variadic: arg?.mode === 'variadic',
    });
  }
  // COUNT(name) counts SQL NULLs only: proargnames is NULL exactly when no argument has a name (an unnamed
  // one among named ones is '' there), so either every parameter is unnamed or none counts as such.
  const unnamed = all.some((a) => a.name !== null) ? 0 : out.length;
  if (unnamed > 1) return null;
  if (unnamed === 1 && !SINGLE_UNNAMED.has(out[0]?.type ?? '')) return null;
  return out;
}

function compareParams(a: readonly RoutineParam[], b: readonly RoutineParam[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as RoutineParam;
    const y = b[i] as RoutineParam;
    for (const k of ['name', 'type', 'typeMaxLength'] as const)
      if (x[k] !== y[k]) return x[k] < y[k] ? -1 : 1;
    if (x.required !== y.required) return Number(x.required) - Number(y.required);
    if (x.variadic !== y.variadic) return Number(x.variadic) - Number(y.variadic);
  }
  return a.length - b.length;
}

export function deriveRoutines(
  catalog: Catalog,
  facts: ColumnFacts,
  schemas: readonly string[],
): Map<string, Routine[]> {
  const exposed = new Set(schemas);
  const routines = new Map<string, Routine[]>();
  for (const f of catalog.functions) {
    if (f.kind !== 'function' || !exposed.has(f.schema)) continue;
    const ret = facts.baseType(f.returns.type);
    if (ret.schema === 'pg_catalog' && ret.name === 'trigger') continue;
    const ps = params(f);
    if (ps === null) continue;
    const routine: Routine = {
      schema: f.schema,
      name: f.name,
      params: ps,
      returns: {
        setOf: f.returns.setOf,
        // a row type, or a record assembled from OUT/INOUT/TABLE parameters
        composite: ret.kind === 'composite' || f.args.some((a) => a.mode !== 'in' && a.mode !== 'variadic'),
        type: { schema: ret.schema, name: ret.name },
        isVoid: ret.schema === 'pg_catalog' && ret.name === 'void',
      },
      volatility: f.volatility,
      hasVariadic: f.args.some((a) => a.mode === 'variadic'),
    };
    const key = qualifiedKey(routine);
    const l = routines.get(key);
    if (l === undefined) routines.set(key, [routine]);
    else l.push(routine);
  }
  // PostgREST's Ord of Routine: fewer parameters first, then the parameters themselves.
  for (const l of routines.values()) l.sort((a, b) => compareParams(a.params, b.params));
  return routines;
}
