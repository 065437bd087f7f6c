import type { Catalog, Policy } from '../../shared/model/catalog.js';

/** A condition PostgreSQL printed on a plan node, and whether a row-level security policy put it there. */
export interface PlanCondition {
  readonly label: string;
  readonly text: string;
  /** The policy whose expression this condition contains (matched against the model). */
  readonly policy: string | null;
  /** RLS applies to this relation for the connected role, but no policy expression matched: it may be one. */
  readonly mayBeRls: boolean;
}

export interface PlanNode {
  readonly id: string;
  /** `Seq Scan on orders o`, `Hash Join`, `Index Scan using orders_pkey on orders`. */
  readonly title: string;
  readonly nodeType: string;
  /** `SubPlan 1`, `InitPlan 2`: how the parent uses it. */
  readonly role: string | null;
  readonly estimatedRows: number;
  /** Rows per loop × loops; null without ANALYZE (or when the node never ran). */
  readonly actualRows: number | null;
  readonly loops: number | null;
  /** Inclusive time of all loops, ms (ANALYZE only). */
  readonly totalMs: number | null;
  readonly cost: number;
  readonly rowsRemovedByFilter: number | null;
  readonly conditions: readonly PlanCondition[];
  readonly children: readonly PlanNode[];
}

export interface Plan {
  readonly root: PlanNode;
  readonly planningMs: number | null;
  readonly executionMs: number | null;
}

const CONDITIONS = [
  'Filter',
  'Join Filter',
  'One-Time Filter',
  'Index Cond',
  'Recheck Cond',
  'Hash Cond',
  'Merge Cond',
];

/** Compared without blanks, parentheses, quotes and casts: how the planner prints an expression varies. */
export function normaliseExpression(text: string): string {
  return text
    .toLowerCase()
    .replace(/::[a-z_ ]+(\[\])?/g, '')
    .replace(/[\s()"]/g, '')
    .replace(/\b(public|pg_catalog)\./g, '');
}

/**
 * The policy whose USING expression the condition holds: the longest that matches, so one policy's expression
 * inside another's names the larger. A constant (USING (true)) never matches: PostgreSQL plans it away, and its
 * text would be found in any condition that passes `true` to current_setting.
 */
export function policyIn(condition: string, policies: readonly Policy[]): string | null {
  const norm = normaliseExpression(condition);
  let best: { name: string; length: number } | null = null;
  for (const p of policies) {
    const expression = normaliseExpression(p.using ?? '');
    if (expression === '' || expression === 'true' || expression === 'false') continue;
    if (norm.includes(expression) && (best === null || expression.length > best.length))
      best = { name: p.name, length: expression.length };
  }
  return best?.name ?? null;
}

/** Whether RLS filters rows of this relation for the connected role (owner and BYPASSRLS roles are exempt). */
function rlsApplies(catalog: Catalog, schema: string | null, name: string): boolean {
  const rel = catalog.relations.find((r) => r.name === name && (schema === null || r.schema === schema));
  if (!rel?.rlsEnabled) return false;
  const me = catalog.roles.find((r) => r.name === catalog.server.currentUser);
  if (me?.superuser || me?.bypassRls) return false;
  return rel.owner !== catalog.server.currentUser || rel.rlsForced;
}

function policiesOf(catalog: Catalog, schema: string | null, name: string): Policy[] {
  return catalog.policies.filter(
    (p) =>
      p.table === name &&
      (schema === null || p.schema === schema) &&
      p.using !== null &&
      ['ALL', 'SELECT', 'UPDATE', 'DELETE'].includes(p.command),
  );
}

type Json = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

function toNode(raw: Json, catalog: Catalog | null, path: string): PlanNode {
  const nodeType = String(raw['Node Type'] ?? 'Node');
  const relation = typeof raw['Relation Name'] === 'string' ? raw['Relation Name'] : null;
  const schema = typeof raw['Schema'] === 'string' ? raw['Schema'] : null;
  const alias = typeof raw['Alias'] === 'string' ? raw['Alias'] : null;
  const index = typeof raw['Index Name'] === 'string' ? raw['Index Name'] : null;
  let title = nodeType;
  if (index) title += ` using ${index}`;
  if (relation)
    title += ` on ${schema ? `${schema}.` : ''}${relation}${alias && alias !== relation ? ` ${alias}` : ''}`;
  else if (typeof raw['CTE Name'] === 'string') title += ` on ${raw['CTE Name']}`;
  else if (typeof raw['Function Name'] === 'string') title += ` on ${raw['Function Name']}()`;

  const policies = catalog && relation ? policiesOf(catalog, schema, relation) : [];
  const rls = catalog !== null && relation !== null && rlsApplies(catalog, schema, relation);
  const conditions = CONDITIONS.filter((k) => typeof raw[k] === 'string').map((label): PlanCondition => {
    const text = raw[label] as string;
    const policy = policyIn(text, policies);
    return { label, text, policy, mayBeRls: policy === null && rls && label === 'Filter' };
  });
  const loops = num(raw['Actual Loops']);
  const perLoop = num(raw['Actual Rows']);
  const time = num(raw['Actual Total Time']);
  const kids = Array.isArray(raw['Plans']) ? (raw['Plans'] as Json[]) : [];
  return {
    id: path,
    title,
    nodeType,
    role: typeof raw['Subplan Name'] === 'string' ? raw['Subplan Name'] : null,
    estimatedRows: num(raw['Plan Rows']) ?? 0,
    actualRows: perLoop === null ? null : Math.round(perLoop * (loops ?? 1)),
    loops,
    totalMs: time === null ? null : time * (loops ?? 1),
    cost: num(raw['Total Cost']) ?? 0,
    rowsRemovedByFilter: num(raw['Rows Removed by Filter']),
    conditions,
    children: kids.map((k, i) => toNode(k, catalog, `${path}.${i}`)),
  };
}

/** EXPLAIN (FORMAT JSON) output → a tree the plan view draws; policy filters are matched against the model. */
export function readPlan(json: unknown, catalog: Catalog | null): Plan | null {
  const top = Array.isArray(json) ? (json[0] as Json | undefined) : null;
  if (!top || typeof top['Plan'] !== 'object' || top['Plan'] === null) return null;
  return {
    root: toNode(top['Plan'] as Json, catalog, '0'),
    planningMs: num(top['Planning Time']),
    executionMs: num(top['Execution Time']),
  };
}

/** How far off the estimate was, as a factor ≥ 1 (10 means ten times more or fewer rows than planned). */
export function misestimate(node: PlanNode): number | null {
  if (node.actualRows === null) return null;
  const a = Math.max(1, node.actualRows);
  const e = Math.max(1, node.estimatedRows * (node.loops ?? 1));
  return Math.max(a / e, e / a);
}
