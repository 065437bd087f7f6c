/**
 * What the act-as console says when a request did less than asked: rows RLS hid silently, and privileges held on
 * some columns only. Pure reads of the one model (policies, role closure, effective privileges), so the console's
 * components hold no privilege rules.
 */
import { catalogIndex } from './catalog-index.js';
import type { Catalog, Policy, PolicyCommand, Privilege, QualifiedName } from './catalog.js';
import { hasColumnPrivilege, hasTablePrivilege } from './privileges.js';
import { roleRules } from './role-closure.js';

/** Whether a policy's TO list covers `role`: PUBLIC, the role, or a role whose privileges it has (policy.c). */
function policyCovers(model: Catalog, policy: Policy, role: string): boolean {
  const index = catalogIndex(model);
  return policy.roles.some(
    (r) =>
      r.kind === 'public' ||
      r.name === role ||
      (index.role(role) !== undefined &&
        index.role(r.name) !== undefined &&
        roleRules(model).hasRole(role, r.name, 'USAGE')),
  );
}

/** The policies of a table that apply to `role` for `command` (FOR ALL included), in model order. */
export function applicablePolicies(
  model: Catalog,
  table: QualifiedName,
  role: string,
  command: Exclude<PolicyCommand, 'ALL'>,
): Policy[] {
  return catalogIndex(model)
    .policies(table.schema, table.name)
    .filter((p) => (p.command === 'ALL' || p.command === command) && policyCovers(model, p, role));
}

/** A request's row check as the core reports it (shared/contract/act-as.ts rowCheckSchema). */
export interface RowCount {
  readonly command: 'SELECT' | 'UPDATE' | 'DELETE';
  readonly schema: string;
  readonly table: string;
  readonly role: string;
  readonly matching: number;
  readonly affected: number;
}

export interface RowCountExplanation {
  /** "0 of 1 matching rows updated", "2 of 3 rows visible". */
  readonly headline: string;
  /** Why: the USING clause of the policies that apply, default deny, or FORCE'd owner. */
  readonly reason: string;
  readonly policies: readonly Policy[];
}

const VERB: Record<RowCount['command'], string> = {
  SELECT: 'visible',
  UPDATE: 'updated',
  DELETE: 'deleted',
};

const names = (ps: readonly Policy[]): string => ps.map((p) => p.name).join(', ');

/**
 * The rows RLS hid from the persona, or null when it touched every matching row. Restrictive policies are
 * named as such: a row must pass all of them as well as one permissive policy.
 */
export function explainRowCount(model: Catalog | null, c: RowCount): RowCountExplanation | null {
  if (c.affected >= c.matching) return null;
  const headline =
    c.command === 'SELECT'
      ? `${c.affected} of ${c.matching} rows visible`
      : `${c.affected} of ${c.matching} matching rows ${VERB[c.command]}`;
  const hidden = c.matching - c.affected;
  const table = `${c.table}`;
  const rel = model ? catalogIndex(model).relation(c.schema, c.table) : undefined;
  if (!model || !rel)
    return { headline, reason: `${hidden} hidden from ${c.role} by row-level security.`, policies: [] };
  const policies = applicablePolicies(model, { schema: c.schema, name: c.table }, c.role, c.command);
  if (!rel.rlsEnabled)
    return {
      headline,
      reason: `${table} has no row-level security; the rows may be hidden by a view or a security barrier.`,
      policies,
    };
  const permissive = policies.filter((p) => p.permissive);
  const restrictive = policies.filter((p) => !p.permissive);
  if (permissive.length === 0)
    return {
      headline,
      reason:
        `hidden from ${c.role}: no permissive ${c.command} policy on ${table} applies to ${c.role}, so ` +
        `row-level security hides every row (default deny).`,
      policies,
    };
  const plural = (ps: readonly Policy[]) => (ps.length === 1 ? 'policy' : 'policies');
  const reason =
    `hidden from ${c.role} by the USING clause of ${plural(permissive)} ${names(permissive)}` +
    (restrictive.length ? ` (and the restrictive ${plural(restrictive)} ${names(restrictive)})` : '') +
    (c.command === 'SELECT' ? '' : `; the persona only ${VERB[c.command]} the rows it may see`) +
    '.';
  return { headline, reason, policies };
}

const join = (xs: readonly string[]): string =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;

/**
 * A privilege held on some columns only, for a request that named others: "UPDATE on orders is granted to
 * app_user only on column status; user_id is not granted". Null when the role holds it on the table, on none
 * of its columns, or on every column asked for (the error is then something else).
 */
export function explainColumnGrant(
  model: Catalog,
  role: string,
  table: QualifiedName,
  privilege: Extract<Privilege, 'SELECT' | 'INSERT' | 'UPDATE' | 'REFERENCES'>,
  requested: readonly string[],
): string | null {
  const index = catalogIndex(model);
  if (index.relation(table.schema, table.name) === undefined || index.role(role) === undefined) return null;
  if (hasTablePrivilege(model, role, table, privilege)) return null;
  const columns = index.columns(table.schema, table.name).map((c) => c.name);
  const held = columns.filter((column) =>
    hasColumnPrivilege(model, role, { schema: table.schema, table: table.name, column }, privilege),
  );
  if (held.length === 0) return null;
  const missing = requested.filter((c) => columns.includes(c) && !held.includes(c));
  if (missing.length === 0) return null;
  return (
    `${privilege} on ${table.name} is granted to ${role} only on ${held.length === 1 ? 'column' : 'columns'} ` +
    `${join(held)}; ${join(missing)} ${missing.length === 1 ? 'is' : 'are'} not granted`
  );
}
