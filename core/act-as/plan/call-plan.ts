/** Function resolution and call plans (PostgREST Plan.hs findProc/callPlan, Plan/CallPlan.hs). */
import { pgrst, type RpcBodyKind } from '../errors/index.js';
import type { ApiRequest, MediaType } from '../request/types.js';
import { qualifiedKey, type QualifiedName, type Routine, type SchemaCache } from '../schema-cache/types.js';
import { fuzzyBest } from './fuzzy.js';
import { filterFieldNames, inferColsEmbedNeeds } from './read-plan.js';
import type { CallPlan, ReadPlanTree, RpcParamValue } from './types.js';

function bodyKind(mt: MediaType): RpcBodyKind {
  switch (mt.type) {
    case 'json':
      return 'json';
    case 'text':
      return 'text';
    case 'xml':
      return 'xml';
    case 'octet-stream':
      return 'octet-stream';
    default:
      return 'other';
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

export function findProc(
  sc: SchemaCache,
  qi: QualifiedName,
  argKeys: ReadonlySet<string>,
  contentType: MediaType,
  isInvPost: boolean,
  singleObject = false,
  fallbackNeedsUnnamed = true,
  hintMinScore = 0.75,
): Routine {
  const procs = sc.routines.get(qualifiedKey(qi)) ?? [];
  const kind = bodyKind(contentType);
  const singleUnnamed = (p: Routine): boolean => {
    const only = p.params.length === 1 ? p.params[0] : undefined;
    // Before 14.2 the fallback took a single named parameter too (v13.0.8 Plan.hs:245-252; CHANGELOG 14.2 #4553).
    if (!isInvPost || !only || (fallbackNeedsUnnamed && only.name !== '')) return false;
    return (
      (kind === 'json' && (only.type === 'json' || only.type === 'jsonb')) ||
      (kind === 'text' && only.type === 'text') ||
      (kind === 'xml' && only.type === 'xml') ||
      (kind === 'octet-stream' && only.type === 'bytea')
    );
  };
  const matches = (p: Routine): boolean => {
    // PostgREST 12's Prefer: params=single-object: one json or jsonb parameter, whatever its name (Plan.hs:248-249).
    if (singleObject)
      return p.params.length === 1 && (p.params[0]!.type === 'json' || p.params[0]!.type === 'jsonb');
    if (p.params.length === 0) {
      return (
        argKeys.size === 0 && !(isInvPost && (kind === 'octet-stream' || kind === 'text' || kind === 'xml'))
      );
    }
    const req = new Set(p.params.filter((x) => x.required).map((x) => x.name));
    const opt = new Set(p.params.filter((x) => !x.required).map((x) => x.name));
    if (opt.size === 0) return sameSet(argKeys, req);
    if (req.size === 0) return [...argKeys].every((k) => opt.has(k));
    return sameSet(new Set([...argKeys].filter((k) => !opt.has(k))), req);
  };
  const named = procs.filter(matches);
  const fallback = procs.filter((p) => !matches(p) && singleUnnamed(p));
  const fmt = (p: Routine) =>
    `${p.schema}.${p.name}(${p.params.map((x) => `${x.name} => ${x.type}`).join(', ')})`;
  if (named.length === 1 && named[0]) return named[0];
  if (named.length > 1) throw pgrst.ambiguousRpc(named.map(fmt));
  if (fallback.length === 1 && fallback[0]) return fallback[0];
  if (fallback.length > 1) throw pgrst.ambiguousRpc(fallback.map(fmt));
  const keys = [...argKeys].sort();
  throw pgrst.noRpc(qi.schema, qi.name, keys, kind, isInvPost, noRpcHint(sc, qi, keys, procs, hintMinScore));
}

function noRpcHint(
  sc: SchemaCache,
  qi: QualifiedName,
  keys: string[],
  overloads: readonly Routine[],
  minScore: number,
): string | null {
  const prefix = `Perhaps you meant to call the function ${qi.schema}.`;
  if (overloads.length === 0) {
    const names = [...sc.routines.values()]
      .flat()
      .filter((r) => r.schema === qi.schema)
      .map((r) => r.name);
    const s = fuzzyBest(names, qi.name, minScore);
    return s === null ? null : prefix + s;
  }
  const list = (xs: readonly string[]) => `(${[...xs].sort().join(', ')})`;
  const s = fuzzyBest(
    overloads.map((o) => list(o.params.map((p) => p.name))),
    list(keys),
  );
  return s === null ? null : prefix + qi.name + s;
}

/** `/rpc/f?a=1&a=2`: variadic parameters collect repeated values, others keep the last one. */
export function toRpcParams(
  proc: Routine,
  pairs: readonly (readonly [string, string])[],
): Map<string, RpcParamValue> {
  const out = new Map<string, RpcParamValue>();
  for (const [k, v] of pairs) {
    const isVariadic = proc.hasVariadic && proc.params.some((p) => p.name === k && p.variadic);
    if (isVariadic) {
      const prev = out.get(k);
      out.set(k, { type: 'variadic', values: prev?.type === 'variadic' ? [...prev.values, v] : [v] });
    } else {
      out.set(k, { type: 'fixed', value: v });
    }
  }
  return out;
}

export function buildCallPlan(
  proc: Routine,
  req: ApiRequest,
  paramKeys: ReadonlySet<string>,
  readTree: ReadPlanTree,
  selectFilterFields = true,
): CallPlan {
  const inv = req.action.type === 'routine' ? req.action.invokeMethod : { type: 'inv' as const };
  let args: CallPlan['args'];
  if (inv.type === 'read') args = { type: 'direct', args: toRpcParams(proc, req.queryParams.params) };
  else if (req.contentMediaType.type === 'urlencoded')
    args = {
      type: 'direct',
      args: toRpcParams(proc, req.payload?.type === 'urlencoded' ? req.payload.pairs : []),
    };
  else {
    const p = req.payload;
    args = { type: 'json', json: p === null ? null : p.type === 'urlencoded' ? null : p.raw };
  }
  const only = proc.params.length === 1 ? proc.params[0] : undefined;
  const params: CallPlan['params'] =
    only && (only.name === '' || req.preferences.params === 'single-object')
      ? { type: 'one-positional', param: only }
      : { type: 'keyed', params: proc.params.filter((p) => paramKeys.has(p.name)) };
  return {
    function: { schema: proc.schema, name: proc.name },
    params,
    args,
    returnsScalar: !proc.returns.setOf && !proc.returns.composite,
    returnsSetOfScalar: proc.returns.setOf && !proc.returns.composite,
    // The columns filters name are selected from the call too (13 on); 12 selected only what is returned, so a
    // filter on another column failed (42703).
    filterFields: selectFilterFields ? filterFieldNames(readTree) : [],
    returning: inferColsEmbedNeeds(readTree, []),
  };
}
