import type { Finding } from '../../shared/contract/advisor.js';
import type { Grant, Privilege } from '../../shared/model/catalog.js';
import { refs, revokePrivileges, type Statement } from '../ddl/index.js';
import type { AdvisorContext } from './context.js';
import { fingerprint, makeFinding } from './finding.js';
import { FINDINGS } from './registry.js';
import { links } from './links.js';

/** Explicit grants to PUBLIC on tables, views, columns and sequences of the user schemas. */
export function grantFindings(ctx: AdvisorContext): Finding[] {
  const groups = new Map<
    string,
    { kind: 'relation' | 'sequence'; schema: string; name: string; grants: Grant[] }
  >();
  for (const g of ctx.catalog.grants) {
    if (g.implicit || g.grantee.kind !== 'public' || g.object.schema === null) continue;
    const o = g.object;
    if (o.kind !== 'relation' && o.kind !== 'column' && o.kind !== 'sequence') continue;
    const kind = o.kind === 'sequence' ? 'sequence' : 'relation';
    const k = `${kind}\0${o.schema}\0${o.name}`;
    const group = groups.get(k) ?? { kind, schema: o.schema ?? '', name: o.name, grants: [] };
    group.grants.push(g);
    groups.set(k, group);
  }
  const out: Finding[] = [];
  for (const g of groups.values()) {
    const ref = g.kind === 'sequence' ? refs.sequence(g.schema, g.name) : refs.relation(g.schema, g.name);
    const table = [...new Set(g.grants.filter((x) => x.object.kind !== 'column').map((x) => x.privilege))];
    const columns = new Map<Privilege, string[]>();
    for (const x of g.grants)
      if (x.object.kind === 'column' && x.object.member !== undefined)
        columns.set(x.privilege, [...(columns.get(x.privilege) ?? []), x.object.member]);
    const statements: Statement[] = [];
    if (table.length > 0)
      statements.push(revokePrivileges({ object: ref, privileges: table, grantees: [{ kind: 'public' }] }));
    for (const [p, cols] of columns)
      statements.push(
        revokePrivileges({ object: ref, privileges: [p], columns: cols, grantees: [{ kind: 'public' }] }),
      );
    const what = [...table, ...[...columns].map(([p, cols]) => `${p} (${cols.join(', ')})`)].join(', ');
    const exposed = ctx.isExposed(g.schema) ? ' — reachable over HTTP by every request role' : '';
    out.push(
      makeFinding(FINDINGS.public_grant, {
        object: `${g.kind === 'sequence' ? 'sequence ' : ''}${g.schema}.${g.name}`,
        objects: [ref],
        message: `${g.kind} ${g.schema}.${g.name} grants ${what} to PUBLIC${exposed}`,
        fingerprint: () => fingerprint(g.grants),
        fix: { summary: `Revoke PUBLIC's privileges on ${g.schema}.${g.name}`, statements },
        fixNote: 'Grant them to the roles that need them.',
        link: links.grant(ref, 'PUBLIC'),
      }),
    );
  }
  return out;
}
