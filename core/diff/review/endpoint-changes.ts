import type { HttpMethod, ReachEndpoint } from '../../../shared/contract/advisor.js';
import type { ObjectRef } from '../../../shared/model/catalog.js';
import { list, methodsOn, type DraftItem } from './item.js';
import type { EndpointState } from './side.js';

/** The privilege behind each relation method group (PUT needs INSERT and UPDATE and goes with whichever changes). */
const GROUPS: readonly { privilege: string; methods: readonly HttpMethod[]; write: boolean }[] = [
  { privilege: 'SELECT', methods: ['GET', 'HEAD'], write: false },
  { privilege: 'INSERT', methods: ['POST'], write: true },
  { privilege: 'UPDATE', methods: ['PATCH'], write: true },
  { privilege: 'DELETE', methods: ['DELETE'], write: true },
];

interface Who {
  readonly role: string;
  readonly as: 'anon' | 'jwt';
}

const label = (e: ReachEndpoint): string =>
  e.kind === 'function' ? `${e.schema}.${e.name}(${e.args ?? ''})` : `${e.schema}.${e.name}`;

function refOf(e: ReachEndpoint): ObjectRef {
  return e.kind === 'function'
    ? { kind: 'function', schema: e.schema, name: e.name, args: e.args ?? '' }
    : { kind: 'relation', schema: e.schema, name: e.name };
}

const minus = (a: ReadonlySet<string>, b: ReadonlySet<string> | undefined): string[] =>
  [...a].filter((x) => !b?.has(x)).sort();

/** Columns worth naming for a gained or lost method: null when they are all of the relation's. */
function namedColumns(state: EndpointState, method: HttpMethod, all: ReadonlySet<string>): string[] | null {
  const cols = state.methods.get(method);
  if (cols === undefined || cols.size === 0 || method === 'DELETE') return null;
  return [...all].every((c) => cols.has(c)) ? null : [...cols].sort();
}

function relationItems(
  who: Who,
  before: EndpointState | undefined,
  after: EndpointState | undefined,
  allBefore: ReadonlySet<string>,
  allAfter: ReadonlySet<string>,
): DraftItem[] {
  const e = (after ?? before)!.endpoint;
  const object = refOf(e);
  const out: DraftItem[] = [];
  const base = { role: who.role, as: who.as, object };
  const putBefore = before?.methods.has('PUT') ?? false;
  const putAfter = after?.methods.has('PUT') ?? false;
  let putPlaced = putBefore === putAfter;
  for (const g of GROUPS) {
    const m = g.methods[0]!;
    const had = before?.methods.has(m) ?? false;
    const has = after?.methods.has(m) ?? false;
    if (had !== has) {
      const gain = has;
      const state = gain ? after! : before!;
      const methods = g.methods.filter((x) => state.methods.has(x));
      if (!putPlaced && g.write && g.privilege !== 'DELETE' && putAfter === gain) {
        methods.push('PUT');
        putPlaced = true;
      }
      const columns = namedColumns(state, m, gain ? allAfter : allBefore);
      const on = columns === null ? label(e) : `${label(e)} (columns ${list(columns)})`;
      out.push({
        ...base,
        kind: 'endpoint',
        direction: gain ? 'gain' : 'loss',
        write: g.write,
        privilege: g.privilege,
        methods,
        path: state.endpoint.path,
        columns,
        sentence: `${who.role} ${gain ? 'gains' : 'loses'} ${g.privilege} on ${on}${methodsOn(methods, state.endpoint.path)}`,
      });
      continue;
    }
    if (!had || m === 'DELETE') continue;
    // Held on both sides: which columns come and go (a column added to a table granted whole comes with it).
    const gained = minus(after!.methods.get(m)!, before!.methods.get(m));
    const lost = minus(before!.methods.get(m)!, after!.methods.get(m));
    for (const [direction, columns] of [
      ['gain', gained],
      ['loss', lost],
    ] as const) {
      if (columns.length === 0) continue;
      const methods = g.methods.filter((x) => after!.methods.has(x));
      out.push({
        ...base,
        kind: 'columns',
        direction,
        write: g.write,
        privilege: g.privilege,
        methods,
        path: after!.endpoint.path,
        columns,
        sentence: `${who.role} ${direction === 'gain' ? 'gains' : 'loses'} ${g.privilege} on ${columns.length === 1 ? 'column' : 'columns'} ${list(columns)} of ${label(e)}${methodsOn(methods, after!.endpoint.path)}`,
      });
    }
  }
  if (!putPlaced) {
    // PUT alone changed (the relation became insertable or updatable as a whole): an upsert item of its own.
    const state = putAfter ? after! : before!;
    out.push({
      ...base,
      kind: 'endpoint',
      direction: putAfter ? 'gain' : 'loss',
      write: true,
      privilege: 'INSERT, UPDATE',
      methods: ['PUT'],
      path: state.endpoint.path,
      columns: null,
      sentence: `${who.role} ${putAfter ? 'gains' : 'loses'} upserts on ${label(e)}${methodsOn(['PUT'], state.endpoint.path)}`,
    });
  }
  if (before && after && before.rows !== after.rows) out.push(rowsItem(who, before, after));
  return out;
}

function rowsItem(who: Who, before: EndpointState, after: EndpointState): DraftItem {
  const e = after.endpoint;
  const fn = e.kind === 'function';
  // Every row, or the owner's rights, is more than RLS-filtered rows as oneself.
  const gain = after.rows !== 'filtered';
  const methods = [...after.methods.keys()];
  const on = methodsOn(methods, e.path);
  const sentence = fn
    ? gain
      ? `${label(e)} now runs with its owner's rights for ${who.role}${on}`
      : `${label(e)} no longer runs with its owner's rights for ${who.role}${on}`
    : gain
      ? `${who.role} reads every row of ${label(e)}: RLS no longer filters it${on}`
      : `RLS now filters the rows ${who.role} reaches in ${label(e)}${on}`;
  return {
    role: who.role,
    as: who.as,
    object: refOf(e),
    kind: 'rows',
    direction: gain ? 'gain' : 'loss',
    write: after.endpoint.write,
    privilege: fn ? 'EXECUTE' : 'SELECT',
    methods,
    path: e.path,
    columns: null,
    sentence,
  };
}

function rpcItems(
  who: Who,
  before: EndpointState | undefined,
  after: EndpointState | undefined,
): DraftItem[] {
  const e = (after ?? before)!.endpoint;
  const base = {
    role: who.role,
    as: who.as,
    object: refOf(e),
    kind: 'rpc' as const,
    privilege: 'EXECUTE',
    columns: null,
  };
  if (!before || !after) {
    const state = (after ?? before)!;
    const gain = after !== undefined;
    const methods = [...state.methods.keys()];
    return [
      {
        ...base,
        direction: gain ? 'gain' : 'loss',
        write: state.endpoint.write,
        methods,
        path: state.endpoint.path,
        sentence: `${who.role} ${gain ? 'gains' : 'loses'} EXECUTE on ${label(e)}${methodsOn(methods, state.endpoint.path)}`,
      },
    ];
  }
  const out: DraftItem[] = [];
  // The volatility decides GET: a function turned STABLE answers GET, one turned VOLATILE only POST.
  const gained = [...after.methods.keys()].filter((m) => !before.methods.has(m));
  const lost = [...before.methods.keys()].filter((m) => !after.methods.has(m));
  for (const [direction, methods] of [
    ['gain', gained],
    ['loss', lost],
  ] as const) {
    if (methods.length === 0) continue;
    out.push({
      ...base,
      direction,
      write: false,
      methods,
      path: after.endpoint.path,
      sentence: `${who.role} ${direction === 'gain' ? 'may now call' : 'may no longer call'} ${label(e)} with ${methods.filter((m) => m !== 'HEAD').join(', ')} (${after.endpoint.path})`,
    });
  }
  if (before.rows !== after.rows) out.push(rowsItem(who, before, after));
  return out;
}

/** What one role gains and loses across its endpoints (relations and RPCs) between the two sides. */
export function endpointItems(
  who: Who,
  before: ReadonlyMap<string, EndpointState>,
  after: ReadonlyMap<string, EndpointState>,
  columnsBefore: (schema: string, name: string) => ReadonlySet<string>,
  columnsAfter: (schema: string, name: string) => ReadonlySet<string>,
): DraftItem[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  const out: DraftItem[] = [];
  for (const k of keys) {
    const b = before.get(k);
    const a = after.get(k);
    const e = (a ?? b)!.endpoint;
    if (e.kind === 'function') out.push(...rpcItems(who, b, a));
    else
      out.push(...relationItems(who, b, a, columnsBefore(e.schema, e.name), columnsAfter(e.schema, e.name)));
  }
  return out;
}
