import type { Catalog } from '../../shared/model/catalog.js';
import type { PostgrestRoleConfig } from '../../shared/model/postgrest-roles.js';
import { roleGraph, type PostgrestPart, type ShapeProblem } from '../../shared/roles/graph.js';

/** `gatehouse roles --json`: the role graph and the PostgREST shape recognised in it. */
export interface RolesReport {
  readonly server: { readonly version: string; readonly major: number };
  readonly database: string;
  readonly roles: readonly {
    readonly name: string;
    readonly system: boolean;
    readonly attributes: {
      readonly superuser: boolean;
      readonly login: boolean;
      readonly inherit: boolean;
      readonly createRole: boolean;
      readonly createDb: boolean;
      readonly replication: boolean;
      readonly bypassRls: boolean;
      readonly connectionLimit: number;
      readonly validUntil: string | null;
      /** null when the reader may not see pg_authid. Never the hash. */
      readonly passwordSet: boolean | null;
    };
    readonly settings: readonly {
      readonly database: string | null;
      readonly name: string;
      readonly value: string;
    }[];
    readonly postgrest: readonly PostgrestPart[];
  }[];
  readonly memberships: readonly {
    readonly role: string;
    readonly member: string;
    readonly admin: boolean;
    readonly inherit: boolean;
    readonly set: boolean;
    readonly grantors: readonly string[];
    /** false before PostgreSQL 16: INHERIT is the member's attribute and SET always allowed. */
    readonly optionsFromServer: boolean;
  }[];
  readonly postgrest: {
    readonly authenticator: {
      readonly name: string;
      readonly source: 'config' | 'inferred';
      readonly exists: boolean;
    } | null;
    readonly anonRole: string | null;
    readonly requestRoles: readonly string[];
    readonly owners: readonly string[];
    readonly problems: readonly ShapeProblem[];
  };
}

export function rolesReport(model: Catalog, config: Partial<PostgrestRoleConfig> = {}): RolesReport {
  const g = roleGraph(model, config);
  const settings = new Map<string, { database: string | null; name: string; value: string }[]>();
  for (const s of model.roleSettings) {
    // Settings for every database are on the role itself (Role.settings).
    if (s.role === null || s.database === null) continue;
    const list = settings.get(s.role) ?? [];
    for (const x of s.settings) list.push({ database: s.database, name: x.name, value: x.value });
    settings.set(s.role, list);
  }
  return {
    server: { version: model.server.version, major: model.server.major },
    database: model.database.name,
    roles: g.nodes.map(({ role: r, parts }) => ({
      name: r.name,
      system: r.isSystem,
      attributes: {
        superuser: r.superuser,
        login: r.canLogin,
        inherit: r.inherit,
        createRole: r.createRole,
        createDb: r.createDb,
        replication: r.replication,
        bypassRls: r.bypassRls,
        connectionLimit: r.connectionLimit,
        validUntil: r.validUntil,
        passwordSet: r.hasPassword,
      },
      settings: [...r.settings.map((x) => ({ database: null, ...x })), ...(settings.get(r.name) ?? [])],
      postgrest: parts,
    })),
    memberships: g.edges.map((e) => ({
      role: e.role,
      member: e.member,
      admin: e.admin,
      inherit: e.inherit,
      set: e.set,
      grantors: e.grantors,
      optionsFromServer: e.optionsFromServer,
    })),
    postgrest: {
      authenticator: g.view.authenticator,
      anonRole: g.view.anonRole,
      requestRoles: g.nodes.filter((n) => n.parts.includes('request')).map((n) => n.id),
      owners: g.nodes.filter((n) => n.parts.includes('owner')).map((n) => n.id),
      problems: g.problems,
    },
  };
}

const ATTRS: readonly [keyof RolesReport['roles'][number]['attributes'], string][] = [
  ['superuser', 'SUPERUSER'],
  ['login', 'LOGIN'],
  ['bypassRls', 'BYPASSRLS'],
  ['createRole', 'CREATEROLE'],
  ['createDb', 'CREATEDB'],
  ['replication', 'REPLICATION'],
];

/** The readable report: the PostgREST shape first, then every role with its attributes and memberships. */
export function formatRoles(r: RolesReport, options: { system?: boolean } = {}): string {
  const lines: string[] = [`PostgreSQL ${r.server.version}, database ${r.database}`, '', 'PostgREST shape:'];
  const p = r.postgrest;
  lines.push(
    `  authenticator: ${p.authenticator === null ? '(none found: no LOGIN NOINHERIT role with roles to switch to)' : `${p.authenticator.name} (${p.authenticator.source === 'config' ? 'from the config' : 'inferred'}${p.authenticator.exists ? '' : ', does not exist'})`}`,
    `  db-anon-role:  ${p.anonRole ?? '(not set: anonymous requests are refused)'}`,
    `  request roles: ${p.requestRoles.length === 0 ? '(none)' : p.requestRoles.join(', ')}`,
    `  owners:        ${p.owners.length === 0 ? '(none)' : p.owners.join(', ')}`,
  );
  for (const x of p.problems)
    lines.push(`  ${x.severity === 'error' ? 'ERROR' : 'warning'}: ${x.message} ${x.hint}`);
  lines.push('', 'Roles:');
  const byMember = new Map<string, RolesReport['memberships'][number][]>();
  for (const m of r.memberships) byMember.set(m.member, [...(byMember.get(m.member) ?? []), m]);
  const systemHidden = r.roles.filter((x) => x.system && options.system !== true).length;
  for (const role of r.roles) {
    if (role.system && options.system !== true) continue;
    const a = role.attributes;
    const attrs = ATTRS.filter(([k]) => a[k] === true).map(([, label]) => label);
    if (!a.inherit) attrs.push('NOINHERIT');
    if (a.connectionLimit >= 0) attrs.push(`CONNECTION LIMIT ${a.connectionLimit}`);
    if (a.passwordSet === true)
      attrs.push(a.validUntil === null ? 'password set' : `password valid until ${a.validUntil}`);
    const parts = role.postgrest.length > 0 ? `  [${role.postgrest.join(', ')}]` : '';
    lines.push(`  ${role.name}${attrs.length > 0 ? `  ${attrs.join(' ')}` : ''}${parts}`);
    for (const m of byMember.get(role.name) ?? []) {
      const opts = [m.admin ? 'ADMIN' : null, m.inherit ? 'INHERIT' : 'NOINHERIT', m.set ? 'SET' : 'NO SET']
        .filter((x) => x !== null)
        .join(' ');
      const by = m.grantors.length > 0 ? `, granted by ${m.grantors.join(', ')}` : '';
      lines.push(`    member of ${m.role} (${opts}${m.optionsFromServer ? '' : ', pre-16 rules'}${by})`);
    }
    for (const s of role.settings)
      lines.push(`    SET ${s.name} = ${s.value}${s.database === null ? '' : ` IN DATABASE ${s.database}`}`);
  }
  if (systemHidden > 0)
    lines.push(`  (${systemHidden} predefined pg_* roles not shown; --system lists them)`);
  return lines.join('\n') + '\n';
}
