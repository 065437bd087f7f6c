import type { Finding } from '../../shared/contract/advisor.js';
import type { Policy, Relation } from '../../shared/model/catalog.js';
import { alterPolicy, createPolicy, dropPolicy, refs, type Statement } from '../ddl/index.js';
import type { DataPrivilege } from './access.js';
import { policyAppliesTo, policyCovers, type AdvisorContext } from './context.js';
import { fingerprint, makeFinding } from './finding.js';
import { createIndexOn } from './fix-ddl.js';
import { indexesFingerprint } from './fingerprints.js';
import { expressionFacts, wrapCalls, type ExpressionFacts } from './policy-expression.js';
import { FINDINGS } from './registry.js';
import { links } from './links.js';

const COMMANDS: readonly DataPrivilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
const label = (r: { schema: string; name: string }) => `${r.schema}.${r.name}`;
const policyLabel = (p: Policy) => `policy ${p.name} on ${p.schema}.${p.table}`;

/** Each policy expression parsed once per run. */
function analyse(
  ctx: AdvisorContext,
): Map<Policy, { using: ExpressionFacts | null; withCheck: ExpressionFacts | null }> {
  const userFunctions = new Set<string>();
  for (const f of ctx.catalog.functions) {
    userFunctions.add(f.name);
    userFunctions.add(`${f.schema}.${f.name}`);
  }
  const hoistable = (schema: string | null, name: string) =>
    userFunctions.has(schema === null ? name : `${schema}.${name}`);
  const out = new Map<Policy, { using: ExpressionFacts | null; withCheck: ExpressionFacts | null }>();
  for (const p of ctx.catalog.policies)
    out.set(p, {
      using: p.using === null ? null : expressionFacts(p.using, hoistable),
      withCheck: p.withCheck === null ? null : expressionFacts(p.withCheck, hoistable),
    });
  return out;
}

function perRowCalls(ctx: AdvisorContext, facts: ReturnType<typeof analyse>): Finding[] {
  const out: Finding[] = [];
  for (const [p, f] of facts) {
    const using = f.using?.perRowCalls ?? [];
    const check = f.withCheck?.perRowCalls ?? [];
    if (using.length === 0 && check.length === 0) continue;
    const names = [...new Set([...using, ...check].map((c) => `${c.name}()`))];
    const change: { using?: string; withCheck?: string } = {};
    if (using.length > 0 && p.using !== null) change.using = wrapCalls(p.using, using);
    if (check.length > 0 && p.withCheck !== null) change.withCheck = wrapCalls(p.withCheck, check);
    out.push(
      makeFinding(FINDINGS.policy_per_row_call, {
        object: policyLabel(p),
        objects: [refs.member('policy', p.schema, p.table, p.name), refs.relation(p.schema, p.table)],
        message: `${policyLabel(p)} calls ${names.join(', ')} once per row; wrap ${names.length === 1 ? 'it' : 'them'} in (SELECT …)`,
        fingerprint: () => fingerprint(p),
        fix: {
          summary: `Wrap ${names.join(', ')} in scalar subqueries`,
          statements: [alterPolicy(p, change)],
        },
        link: links.policy(p.schema, p.table, p.name),
      }),
    );
  }
  return out;
}

/** One policy with the conditions ORed, when the policies differ only in their expressions. */
function combined(policies: readonly Policy[]): Statement[] | null {
  const first = policies[0];
  if (!first) return null;
  const sameShape = policies.every(
    (p) => p.command === first.command && JSON.stringify(p.roles) === JSON.stringify(first.roles),
  );
  if (!sameShape) return null;
  const or = (xs: (string | null)[]) =>
    xs.some((x) => x === null) ? null : xs.map((x) => `(${x})`).join(' OR ');
  const using = first.command === 'INSERT' ? null : or(policies.map((p) => p.using));
  const withCheck =
    first.command === 'SELECT' || first.command === 'DELETE'
      ? null
      : or(policies.map((p) => p.withCheck ?? p.using));
  if (using === null && withCheck === null) return null;
  return [
    ...policies.map((p) => dropPolicy(p)),
    createPolicy({
      ...first,
      using,
      withCheck: first.command === 'ALL' && withCheck === using ? null : withCheck,
    }),
  ];
}

function multiplePermissive(ctx: AdvisorContext): Finding[] {
  const out: Finding[] = [];
  const byTable = new Map<string, Policy[]>();
  for (const p of ctx.catalog.policies)
    if (p.permissive)
      byTable.set(label({ schema: p.schema, name: p.table }), [
        ...(byTable.get(label({ schema: p.schema, name: p.table })) ?? []),
        p,
      ]);
  const roles = ctx.requestRoles.filter((r) => r.exists).map((r) => r.name);
  for (const [table, policies] of byTable) {
    if (policies.length < 2) continue;
    const overlaps: string[] = [];
    const involved = new Set<Policy>();
    for (const role of roles)
      for (const command of COMMANDS) {
        const applying = policies.filter((p) => policyCovers(p, command) && policyAppliesTo(ctx, p, role));
        if (applying.length < 2) continue;
        overlaps.push(`${role} ${command}: ${applying.map((p) => p.name).join(', ')}`);
        for (const p of applying) involved.add(p);
      }
    if (overlaps.length === 0) continue;
    const list = [...involved];
    const fix = combined(list);
    const [schema, ...rest] = table.split('.');
    out.push(
      makeFinding(FINDINGS.multiple_permissive_policies, {
        object: table,
        objects: [
          refs.relation(schema ?? '', rest.join('.')),
          ...list.map((p) => refs.member('policy', p.schema, p.table, p.name)),
        ],
        message: `${table} has several permissive policies for ${overlaps.length <= 6 ? overlaps.join('; ') : `${overlaps.slice(0, 6).join('; ')} and ${overlaps.length - 6} more`}`,
        fingerprint: () => fingerprint(list),
        fix:
          fix === null
            ? null
            : { summary: `Combine ${list.map((p) => p.name).join(', ')} into one policy`, statements: fix },
        fixNote: fix === null ? 'Merge them into one policy per command with the conditions ORed.' : null,
        link: links.policy(schema ?? '', rest.join('.'), list[0]?.name ?? null),
      }),
    );
  }
  return out;
}

/** Whether some valid index of r starts with these columns (in any order). */
function indexed(r: Relation, columns: readonly string[]): boolean {
  return r.indexes.some((i) => {
    if (!i.valid || i.predicate !== null) return false;
    const lead = i.columns.slice(0, columns.length);
    return lead.length === columns.length && columns.every((c) => lead.includes(c));
  });
}

function unindexedPolicyColumns(ctx: AdvisorContext, facts: ReturnType<typeof analyse>): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const [p, f] of facts) {
    const r = ctx.relation(p.schema, p.table);
    if (!r || !r.rlsEnabled) continue;
    const names = new Set(r.columns.map((c) => c.name));
    for (const column of [...(f.using?.columns ?? []), ...(f.withCheck?.columns ?? [])]) {
      if (!names.has(column) || indexed(r, [column]) || seen.has(`${label(r)}.${column}`)) continue;
      seen.add(`${label(r)}.${column}`);
      out.push(
        makeFinding(FINDINGS.unindexed_policy_column, {
          object: `${label(r)}.${column}`,
          objects: [
            refs.member('column', r.schema, r.name, column),
            refs.member('policy', p.schema, p.table, p.name),
          ],
          message: `${policyLabel(p)} filters on ${label(r)}.${column}, which no index leads with`,
          fingerprint: () => fingerprint(indexesFingerprint(ctx, r), p),
          fix: {
            summary: `Index ${label(r)} (${column})`,
            statements: [createIndexOn(r.schema, r.name, [column])],
          },
          fixNote: 'On a large, busy table build it CONCURRENTLY outside the change set instead.',
          link: links.explorer(refs.relation(r.schema, r.name), 'indexes'),
        }),
      );
    }
  }
  return out;
}

function unindexedForeignKeys(ctx: AdvisorContext): Finding[] {
  const out: Finding[] = [];
  for (const r of ctx.catalog.relations) {
    for (const c of r.constraints) {
      if (c.kind !== 'foreign_key' || c.foreignKey === null) continue;
      const target = c.foreignKey.table;
      // Embedding happens when either side is an endpoint.
      if (!ctx.isExposed(r.schema) && !ctx.isExposed(target.schema)) continue;
      if (indexed(r, c.columns)) continue;
      out.push(
        makeFinding(FINDINGS.unindexed_foreign_key, {
          object: `${label(r)}.${c.name}`,
          objects: [
            refs.member('constraint', r.schema, r.name, c.name),
            refs.relation(target.schema, target.name),
          ],
          message: `foreign key ${c.name} of ${label(r)} (${c.columns.join(', ')}) → ${label(target)} has no index`,
          // What the finding depends on: the key and the indexes that could serve it (as for policy columns).
          fingerprint: () => fingerprint(indexesFingerprint(ctx, r), c),
          fix: {
            summary: `Index ${label(r)} (${c.columns.join(', ')})`,
            statements: [createIndexOn(r.schema, r.name, c.columns)],
          },
          link: links.explorer(refs.relation(r.schema, r.name), 'indexes'),
        }),
      );
    }
  }
  return out;
}

/** Policy costs: per-row calls, overlapping permissive policies, unindexed policy columns and foreign keys. */
export function performanceFindings(ctx: AdvisorContext): Finding[] {
  const facts = analyse(ctx);
  return [
    ...perRowCalls(ctx, facts),
    ...multiplePermissive(ctx),
    ...unindexedPolicyColumns(ctx, facts),
    ...unindexedForeignKeys(ctx),
  ];
}
