import type { Finding } from '../../shared/contract/advisor.js';
import type { Policy, Relation } from '../../shared/model/catalog.js';
import {
  createPolicy,
  dropPolicy,
  refs,
  revokePrivileges,
  setRowLevelSecurity,
  type Statement,
} from '../ddl/index.js';
import type { DataPrivilege } from './access.js';
import {
  holdersOf,
  type Holders,
  policyAppliesTo,
  policyCovers,
  rowsFilteredFor,
  type AdvisorContext,
} from './context.js';
import { fingerprint, makeFinding, someNames } from './finding.js';
import { relationFingerprint } from './fingerprints.js';
import { FINDINGS } from './registry.js';
import { links } from './links.js';
import { plural } from '../../shared/text/plural.js';

const WRITES: readonly DataPrivilege[] = ['INSERT', 'UPDATE', 'DELETE'];
const RLS_KINDS = new Set<Relation['kind']>(['table', 'partitioned_table']);
const label = (r: { schema: string; name: string }) => `${r.schema}.${r.name}`;
const policyLink = (r: Relation, policy: string | null = null) => links.policy(r.schema, r.name, policy);

/** The privileges each request role holds on r: role → privileges (built once per run, see holdersOf). */
const reachOf = holdersOf;

/** Who reaches r and how, the first three named: thousands of these lines are the panel's list. */
const describe = (reach: Holders) => {
  // Only the names shown are written out (someNames counts the rest): a table reached by 300 roles is common.
  const shown = reach.roles.slice(0, 3).map((role, i) => `${role} (${reach.held[i]!.join(', ')})`);
  return someNames(shown, 3) + (reach.size > 3 ? ` and ${reach.size - 3} more` : '');
};

/**
 * The explicit grants a REVOKE must take away so that no writer keeps its writes on r: each grant of one of the
 * writes a writer holds, to PUBLIC, to the writer, or to a role whose privileges it holds (PostgreSQL's own
 * closure, from shared/model). One pass over r's grants for all writers: a statement per grantee, never repeated.
 */
function revokesFor(
  ctx: AdvisorContext,
  r: Relation,
  writers: readonly (readonly [string, readonly DataPrivilege[]])[],
): Statement[] {
  const ref = refs.relation(r.schema, r.name);
  const out: Statement[] = [];
  const grants = [...ctx.grantsOn(ref)];
  for (const c of r.columns) grants.push(...ctx.grantsOn(refs.member('column', r.schema, r.name, c.name)));
  const byGrantee = new Map<
    string,
    { public: boolean; table: Set<DataPrivilege>; columns: Map<DataPrivilege, string[]> }
  >();
  for (const g of grants) {
    if (!(WRITES as readonly string[]).includes(g.privilege)) continue;
    const p = g.privilege as DataPrivilege;
    const grantee = g.grantee.kind === 'public' ? null : g.grantee.name;
    if (grantee !== null && grantee === r.owner) continue; // the owner's own rights cannot be revoked away
    const needed = writers.some(
      ([role, held]) =>
        held.includes(p) &&
        (grantee === null || grantee === role || ctx.access.hasPrivilegesOf(role, grantee)),
    );
    if (!needed) continue;
    const k = grantee ?? '\0PUBLIC';
    const entry = byGrantee.get(k) ?? { public: grantee === null, table: new Set(), columns: new Map() };
    if (g.object.kind === 'column' && g.object.member !== undefined)
      entry.columns.set(p, [...(entry.columns.get(p) ?? []), g.object.member]);
    else entry.table.add(p);
    byGrantee.set(k, entry);
  }
  for (const [k, e] of byGrantee) {
    const grantees = [e.public ? { kind: 'public' as const } : { kind: 'role' as const, name: k }];
    if (e.table.size > 0) out.push(revokePrivileges({ object: ref, privileges: [...e.table], grantees }));
    for (const [p, cols] of e.columns)
      if (p !== 'DELETE')
        out.push(revokePrivileges({ object: ref, privileges: [p], columns: cols, grantees }));
  }
  return out;
}

function unprotectedTables(ctx: AdvisorContext): Finding[] {
  const out: Finding[] = [];
  for (const r of ctx.exposedRelations) {
    if (!RLS_KINDS.has(r.kind) || r.rlsEnabled) continue;
    const reach = reachOf(ctx, r);
    if (reach.size === 0) continue;
    const objects = [refs.relation(r.schema, r.name)];
    const roles = [...reach.keys()];
    out.push(
      makeFinding(FINDINGS.table_without_rls, {
        object: label(r),
        objects,
        roles,
        message: `${label(r)} has no row-level security; every row is reachable by ${describe(reach)}`,
        fingerprint: () => relationFingerprint(ctx, r),
        fix: {
          summary: `Enable RLS on ${label(r)}`,
          statements: [setRowLevelSecurity(r.schema, r.name, 'enable')],
        },
        fixNote:
          'With RLS on and no policy yet, these roles see no rows: write a policy for what each may reach.',
        link: policyLink(r),
      }),
    );
    const writers = [...reach].filter(([, ps]) => ps.some((p) => WRITES.includes(p)));
    if (writers.length === 0) continue;
    const statements = revokesFor(ctx, r, writers);
    out.push(
      makeFinding(FINDINGS.write_without_policy, {
        object: label(r),
        objects,
        roles: writers.map(([role]) => role),
        message: `${someNames(
          writers
            .slice(0, 3)
            .map(([role, ps]) => `${role} may ${ps.filter((p) => WRITES.includes(p)).join('/')}`),
          3,
        )}${writers.length > 3 ? ` and ${writers.length - 3} more` : ''} any row of ${label(r)} (no RLS)`,
        fingerprint: () => relationFingerprint(ctx, r),
        fix: statements.length > 0 ? { summary: `Revoke the writes on ${label(r)}`, statements } : null,
        fixNote:
          statements.length > 0
            ? 'Or keep the grants and enable RLS with a policy per command.'
            : `The writes come from owning ${label(r)}: enable RLS and force it, or change the owner.`,
        link: links.grant(refs.relation(r.schema, r.name), writers[0]![0]),
      }),
    );
  }
  return out;
}

function viewsOverUnprotected(ctx: AdvisorContext): Finding[] {
  const out: Finding[] = [];
  for (const v of ctx.exposedRelations) {
    if (v.kind !== 'view' && v.kind !== 'materialized_view') continue;
    const readers = [...reachOf(ctx, v)].filter(([, ps]) => ps.includes('SELECT')).map(([role]) => role);
    if (readers.length === 0) continue;
    const open = ctx.baseRelationsOf(v).filter((b) => RLS_KINDS.has(b.kind) && !b.rlsEnabled);
    if (open.length === 0) continue;
    out.push(
      makeFinding(FINDINGS.view_over_table_without_rls, {
        object: label(v),
        objects: [refs.relation(v.schema, v.name), ...open.map((b) => refs.relation(b.schema, b.name))],
        message: `view ${label(v)} shows every row of ${open.map(label).join(', ')} (no RLS) to ${someNames(readers)}`,
        fingerprint: () =>
          fingerprint(
            relationFingerprint(ctx, v),
            open.map((b) => relationFingerprint(ctx, b)),
          ),
        fix: {
          summary: `Enable RLS on ${open.map(label).join(', ')}`,
          statements: open.map((b) => setRowLevelSecurity(b.schema, b.name, 'enable')),
        },
        fixNote: 'Then write policies; for them to apply through the view it must be security_invoker (15+).',
        link: policyLink(open[0]!),
      }),
    );
  }
  return out;
}

function notForced(ctx: AdvisorContext): Finding[] {
  const out: Finding[] = [];
  const roles = [
    ...ctx.requestRoles.filter((r) => r.exists).map((r) => r.name),
    ...(ctx.authenticator !== null && ctx.role(ctx.authenticator) ? [ctx.authenticator] : []),
  ];
  for (const r of ctx.catalog.relations) {
    if (!r.rlsEnabled || r.rlsForced || !RLS_KINDS.has(r.kind)) continue;
    const owners = roles.filter((role) => ctx.access.hasPrivilegesOf(role, r.owner));
    if (owners.length === 0) continue;
    out.push(
      makeFinding(FINDINGS.rls_not_forced, {
        object: label(r),
        objects: [refs.relation(r.schema, r.name), refs.role(r.owner)],
        roles: owners,
        message: `${label(r)} is owned by ${r.owner}, whose privileges ${someNames(owners)} hold${owners.length === 1 ? 's' : ''}: its policies do not apply to them`,
        fingerprint: () => fingerprint(relationFingerprint(ctx, r), owners),
        fix: {
          summary: `Force RLS on ${label(r)}`,
          statements: [setRowLevelSecurity(r.schema, r.name, 'force')],
        },
        fixNote: 'Better still, let a role no request uses own the table.',
        link: policyLink(r),
      }),
    );
  }
  return out;
}

const isTrue = (e: string | null) =>
  e !== null &&
  e
    .trim()
    .replace(/^\((.*)\)$/, '$1')
    .trim() === 'true';

/** Whether the policy is for the anonymous role or PUBLIC (or a role anon holds the privileges of). */
function forAnonOrPublic(ctx: AdvisorContext, p: Policy): string | null {
  if (p.roles.some((r) => r.kind === 'public')) return 'PUBLIC';
  if (ctx.anon === null || !ctx.role(ctx.anon)) return null;
  return policyAppliesTo(ctx, p, ctx.anon) ? ctx.anon : null;
}

function writesEveryRow(p: Policy): boolean {
  switch (p.command) {
    case 'INSERT':
      return isTrue(p.withCheck);
    case 'UPDATE':
      return isTrue(p.using) || (p.using === null && isTrue(p.withCheck));
    case 'DELETE':
      return isTrue(p.using);
    case 'ALL':
      return isTrue(p.using) || isTrue(p.withCheck);
    default:
      return false;
  }
}

function openPolicies(ctx: AdvisorContext): Finding[] {
  const out: Finding[] = [];
  for (const p of ctx.catalog.policies) {
    const table = ctx.relation(p.schema, p.table);
    if (!table || !p.permissive) continue;
    const who = forAnonOrPublic(ctx, p);
    if (who === null) continue;
    const object = `policy ${p.name} on ${p.schema}.${p.table}`;
    const objects = [refs.member('policy', p.schema, p.table, p.name), refs.relation(p.schema, p.table)];
    if (p.command === 'SELECT' && isTrue(p.using)) {
      out.push(
        makeFinding(FINDINGS.public_read_policy, {
          object,
          objects,
          message: `${object} lets ${who} read every row`,
          fingerprint: () => fingerprint(p),
          fix: null,
          fixNote: 'Nothing to fix if the table is meant to be public.',
          link: policyLink(table, p.name),
        }),
      );
    } else if (p.command !== 'SELECT' && writesEveryRow(p)) {
      const statements = [dropPolicy(p)];
      // An ALL policy also granted reading: keep that part as a read-only policy of the same name.
      if (p.command === 'ALL' && isTrue(p.using))
        statements.push(createPolicy({ ...p, command: 'SELECT', withCheck: null }));
      out.push(
        makeFinding(FINDINGS.policy_write_all, {
          object,
          objects,
          message: `${object} lets ${who} ${p.command === 'ALL' ? 'read and write' : p.command} every row`,
          fingerprint: () => fingerprint(p, table.rlsEnabled),
          fix: {
            summary: p.command === 'ALL' && isTrue(p.using) ? `Make ${p.name} read-only` : `Drop ${p.name}`,
            statements,
          },
          fixNote: 'Then write the policy the writes need, e.g. WITH CHECK (owner = current_user).',
          link: policyLink(table, p.name),
        }),
      );
    }
  }
  return out;
}

function policiesWithoutRls(ctx: AdvisorContext): Finding[] {
  const out: Finding[] = [];
  const tables = new Map<string, Policy[]>();
  for (const p of ctx.catalog.policies)
    tables.set(`${p.schema}.${p.table}`, [...(tables.get(`${p.schema}.${p.table}`) ?? []), p]);
  for (const [, policies] of tables) {
    const first = policies[0]!;
    const r = ctx.relation(first.schema, first.table);
    if (!r || r.rlsEnabled) continue;
    out.push(
      makeFinding(FINDINGS.policy_rls_disabled, {
        object: label(r),
        objects: [
          refs.relation(r.schema, r.name),
          ...policies.map((p) => refs.member('policy', p.schema, p.table, p.name)),
        ],
        message: `${label(r)} has ${policies.length} ${plural(policies.length, 'policy', 'policies')} (${policies.map((p) => p.name).join(', ')}) but RLS is off: none applies`,
        fingerprint: () => relationFingerprint(ctx, r),
        fix: {
          summary: `Enable RLS on ${label(r)}`,
          statements: [setRowLevelSecurity(r.schema, r.name, 'enable')],
        },
        link: policyLink(r),
      }),
    );
  }
  return out;
}

function silentDenies(ctx: AdvisorContext): Finding[] {
  const out: Finding[] = [];
  for (const r of ctx.exposedRelations) {
    if (!RLS_KINDS.has(r.kind) || !r.rlsEnabled) continue;
    const policies = ctx.policiesOf(r.schema, r.name).filter((p) => p.permissive);
    const denied: string[] = [];
    const roles: string[] = [];
    for (const [role, held] of reachOf(ctx, r)) {
      if (!rowsFilteredFor(ctx, role, r)) continue;
      const none = held.filter(
        (c) => !policies.some((p) => policyCovers(p, c) && policyAppliesTo(ctx, p, role)),
      );
      if (none.length === 0) continue;
      denied.push(`${role} (${none.join(', ')})`);
      roles.push(role);
    }
    if (denied.length === 0) continue;
    out.push(
      makeFinding(FINDINGS.rls_no_policy, {
        object: label(r),
        objects: [refs.relation(r.schema, r.name)],
        roles,
        message: `${label(r)}: no policy lets ${someNames(denied)} — granted, yet silently denied`,
        fingerprint: () => relationFingerprint(ctx, r),
        fix: null,
        fixNote:
          'Write a policy for each command the role should use, or revoke the grant it should not have.',
        link: policyLink(r),
      }),
    );
  }
  return out;
}

/** Tables without RLS, views over them, unforced RLS, write-all / public-read policies, policies RLS ignores, silent denies. */
export function rlsFindings(ctx: AdvisorContext): Finding[] {
  return [
    ...unprotectedTables(ctx),
    ...viewsOverUnprotected(ctx),
    ...notForced(ctx),
    ...openPolicies(ctx),
    ...policiesWithoutRls(ctx),
    ...silentDenies(ctx),
  ];
}
