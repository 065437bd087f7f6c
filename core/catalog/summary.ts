import type { Catalog, Relation, Role } from '../../shared/model/catalog.js';

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function roleFlags(r: Role): string {
  const flags: string[] = [];
  if (r.superuser) flags.push('superuser');
  flags.push(r.canLogin ? 'login' : 'nologin');
  if (!r.inherit) flags.push('noinherit');
  if (r.createRole) flags.push('createrole');
  if (r.createDb) flags.push('createdb');
  if (r.replication) flags.push('replication');
  if (r.bypassRls) flags.push('bypassrls');
  if (r.connectionLimit >= 0) flags.push(`connlimit=${r.connectionLimit}`);
  if (r.validUntil !== null) flags.push(`valid-until=${r.validUntil}`);
  if (r.hasPassword === true) flags.push('password');
  return flags.join(' ');
}

const kindLabel: Record<Relation['kind'], string> = {
  table: 'table',
  view: 'view',
  materialized_view: 'matview',
  partitioned_table: 'partitioned',
  foreign_table: 'foreign',
};

function table(rows: readonly string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

/** A terminal summary of a catalog: counts per kind, roles with their flags, relations with RLS. */
export function formatCatalogSummary(c: Catalog): string {
  const userRoles = c.roles.filter((r) => !r.isSystem);
  const byKind = new Map<string, number>();
  for (const r of c.relations) byKind.set(kindLabel[r.kind], (byKind.get(kindLabel[r.kind]) ?? 0) + 1);
  const columns = c.relations.reduce((n, r) => n + r.columns.length, 0);
  const policiesOn = new Map<string, number>();
  for (const p of c.policies)
    policiesOn.set(`${p.schema}.${p.table}`, (policiesOn.get(`${p.schema}.${p.table}`) ?? 0) + 1);
  const memberOf = new Map<string, string[]>();
  for (const m of c.memberships) memberOf.set(m.member, [...(memberOf.get(m.member) ?? []), m.role]);

  const lines: string[] = [
    `Catalog of database "${c.database.name}" (PostgreSQL ${c.server.version}) read as ${c.server.currentUser}` +
      `${c.server.isSuperuser ? ' (superuser)' : ''}${c.server.bypassRls ? ' (bypassrls)' : ''} at ${c.readAt}`,
    '',
    'Counts:',
    ...table([
      ['  roles', `${userRoles.length} (+${c.roles.length - userRoles.length} built-in)`],
      ['  memberships', String(c.memberships.length)],
      ['  schemas', String(c.schemas.length)],
      [
        '  relations',
        `${c.relations.length}${byKind.size ? ` (${[...byKind].map(([k, n]) => `${n} ${k}`).join(', ')})` : ''}`,
      ],
      ['  columns', String(columns)],
      ['  sequences', String(c.sequences.length)],
      ['  functions', String(c.functions.length)],
      ['  types', String(c.types.length)],
      ['  extensions', String(c.extensions.length)],
      ['  grants', String(c.grants.length)],
      ['  default privileges', String(c.defaultPrivileges.length)],
      ['  policies', String(c.policies.length)],
      ['  dependencies', String(c.dependencies.length)],
    ]),
    '',
    `Roles (${count(userRoles.length, 'role')}, built-in pg_* roles not listed):`,
    ...table(
      userRoles.map((r) => [
        `  ${r.name}`,
        roleFlags(r),
        memberOf.has(r.name) ? `member of ${memberOf.get(r.name)?.join(', ')}` : '',
      ]),
    ),
    '',
    'Schemas:',
    ...table(c.schemas.map((s) => [`  ${s.name}`, `owner ${s.owner}`, s.comment ?? ''])),
    '',
    'Relations:',
    ...table(
      c.relations.map((r) => {
        const rls = r.rlsEnabled ? `RLS on${r.rlsForced ? ', forced' : ''}` : 'RLS off';
        const policies = policiesOn.get(`${r.schema}.${r.name}`) ?? 0;
        return [
          `  ${r.schema}.${r.name}`,
          kindLabel[r.kind],
          `owner ${r.owner}`,
          count(r.columns.length, 'column'),
          r.kind === 'view' || r.kind === 'materialized_view' ? '' : rls,
          policies ? count(policies, 'policy', 'policies') : '',
        ];
      }),
    ),
  ];
  if (c.functions.length) {
    lines.push('', 'Functions:');
    lines.push(
      ...table(
        c.functions.map((f) => [
          `  ${f.schema}.${f.name}(${f.identityArgs})`,
          f.kind,
          f.returns.text ?? '',
          f.securityDefiner ? 'security definer' : '',
        ]),
      ),
    );
  }
  return lines.join('\n') + '\n';
}
