import { catalogIndex, type CatalogIndex } from '../model/catalog-index.js';
import type { Catalog, Role } from '../model/catalog.js';
import { postgrestView, type PostgrestRoleConfig, type PostgrestView } from '../model/postgrest-roles.js';
import { roleRules } from '../model/role-closure.js';

/**
 * The role graph of a model: a node per role, an edge per membership (member → granted role), and the PostgREST
 * shape read from it. Pure, so the studio, the CLI and the tests compute the same graph; layout is layout.ts.
 */

export type BadgeTone = 'danger' | 'warning' | 'info' | 'neutral';

export interface RoleBadge {
  readonly label: string;
  readonly tone: BadgeTone;
  readonly title: string;
}

/** What a role is in the PostgREST shape (a role may be several: the anon role is a request role too). */
export type PostgrestPart = 'authenticator' | 'anon' | 'request' | 'owner';

/** Something in the role model PostgREST cannot work with, or should not. */
export interface ShapeProblem {
  readonly role: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** What to do about it. */
  readonly hint: string;
}

export interface RoleNode {
  readonly id: string;
  readonly role: Role;
  readonly badges: readonly RoleBadge[];
  readonly parts: readonly PostgrestPart[];
  readonly problems: readonly ShapeProblem[];
}

export interface MembershipEdge {
  /** `member\0role`. */
  readonly id: string;
  readonly member: string;
  readonly role: string;
  readonly admin: boolean;
  readonly inherit: boolean;
  readonly set: boolean;
  /** The grantors (one membership row each on 16+). */
  readonly grantors: readonly string[];
  /** False before 16: INHERIT comes from the member's attribute and SET is always allowed. */
  readonly optionsFromServer: boolean;
  /** The authenticator is a member but may not SET ROLE to it: PostgREST cannot switch to this role. */
  readonly broken: boolean;
}

export interface RoleGraph {
  readonly major: number;
  readonly nodes: readonly RoleNode[];
  readonly edges: readonly MembershipEdge[];
  readonly view: PostgrestView;
  readonly problems: readonly ShapeProblem[];
}

export function roleBadges(r: Role, now: Date = new Date()): RoleBadge[] {
  const b: RoleBadge[] = [];
  if (r.superuser) b.push({ label: 'SUPERUSER', tone: 'danger', title: 'Bypasses every privilege check.' });
  if (r.canLogin) b.push({ label: 'LOGIN', tone: 'info', title: 'May log in.' });
  if (r.bypassRls)
    b.push({ label: 'BYPASSRLS', tone: 'danger', title: 'Row-level security policies do not apply.' });
  if (r.createRole) b.push({ label: 'CREATEROLE', tone: 'warning', title: 'May create and alter roles.' });
  if (r.createDb) b.push({ label: 'CREATEDB', tone: 'neutral', title: 'May create databases.' });
  if (r.replication) b.push({ label: 'REPLICATION', tone: 'warning', title: 'May stream replication.' });
  if (!r.inherit)
    b.push({ label: 'NOINHERIT', tone: 'neutral', title: 'Does not inherit the privileges of its roles.' });
  if (r.connectionLimit >= 0)
    b.push({ label: `CONN ≤ ${r.connectionLimit}`, tone: 'neutral', title: 'Connection limit.' });
  if (r.hasPassword === true) {
    const expired = r.validUntil !== null && Date.parse(r.validUntil) <= now.getTime();
    b.push(
      expired
        ? { label: 'PASSWORD EXPIRED', tone: 'danger', title: `Password valid until ${r.validUntil}.` }
        : {
            label: 'PASSWORD',
            tone: 'neutral',
            title: r.validUntil === null ? 'A password is set.' : `Password valid until ${r.validUntil}.`,
          },
    );
  } else if (r.hasPassword === false && r.canLogin)
    b.push({ label: 'NO PASSWORD', tone: 'warning', title: 'May log in but has no password set.' });
  return b;
}

/** Roles that own something in the exposed schemas (or the schemas themselves). */
function exposedOwners(index: CatalogIndex, schemas: readonly string[]): Set<string> {
  const owners = new Set<string>();
  for (const s of schemas) {
    const info = index.schema(s);
    if (info === undefined) continue;
    owners.add(info.owner);
    const c = index.inSchema(s);
    for (const r of c.relations) owners.add(r.owner);
    for (const f of c.functions) owners.add(f.owner);
  }
  return owners;
}

/**
 * What cannot work, or should not, in the PostgREST shape: request roles the authenticator is a member of but may
 * not SET ROLE to, request roles that may log in or bypass RLS, an authenticator that inherits or is a superuser,
 * and a db-anon-role that is missing or out of reach.
 */
export function shapeProblems(index: CatalogIndex, view: PostgrestView): ShapeProblem[] {
  const out: ShapeProblem[] = [];
  const rules = roleRules(index);
  const auth = view.authenticator;
  if (auth !== null && !auth.exists)
    out.push({
      role: auth.name,
      severity: 'error',
      message: `The authenticator ${auth.name} named by the config does not exist.`,
      hint: `Create it: CREATE ROLE ${auth.name} LOGIN NOINHERIT.`,
    });
  const authRole = auth === null ? undefined : index.role(auth.name);
  if (authRole !== undefined) {
    if (authRole.superuser)
      out.push({
        role: authRole.name,
        severity: 'error',
        message: `The authenticator ${authRole.name} is a superuser: every request could do anything.`,
        hint: 'Use a LOGIN NOINHERIT role without SUPERUSER, granted only the request roles.',
      });
    if (authRole.inherit)
      out.push({
        role: authRole.name,
        severity: 'warning',
        message: `The authenticator ${authRole.name} inherits the privileges of the roles it may become.`,
        hint: `ALTER ROLE ${authRole.name} NOINHERIT, so that it holds nothing until it switches role.`,
      });
    if (!authRole.canLogin)
      out.push({
        role: authRole.name,
        severity: 'error',
        message: `The authenticator ${authRole.name} cannot log in.`,
        hint: `ALTER ROLE ${authRole.name} LOGIN.`,
      });
    const member = rules.closure(authRole.name, 'MEMBER');
    for (const r of member.order)
      if (r !== authRole.name && !rules.hasRole(authRole.name, r, 'SET'))
        out.push({
          role: r,
          severity: 'error',
          message: `${authRole.name} is a member of ${r} but may not SET ROLE to it: requests as ${r} fail.`,
          hint: `GRANT ${r} TO ${authRole.name} WITH SET TRUE (PostgreSQL 16+).`,
        });
  }
  if (view.anonRole !== null) {
    if (index.role(view.anonRole) === undefined)
      out.push({
        role: view.anonRole,
        severity: 'error',
        message: `db-anon-role ${view.anonRole} does not exist: anonymous requests fail.`,
        hint: `CREATE ROLE ${view.anonRole} NOLOGIN.`,
      });
    else if (authRole !== undefined && !view.anonSwitchable)
      out.push({
        role: view.anonRole,
        severity: 'error',
        message: `${authRole.name} may not SET ROLE to db-anon-role ${view.anonRole}: anonymous requests fail.`,
        hint: `GRANT ${view.anonRole} TO ${authRole.name}.`,
      });
  }
  const requestRoles = new Set(view.requestRoles);
  if (view.anonRole !== null && index.role(view.anonRole) !== undefined) requestRoles.add(view.anonRole);
  if (authRole?.superuser !== true)
    for (const name of requestRoles) {
      const r = index.role(name);
      if (r === undefined || r.isSystem) continue;
      if (r.canLogin)
        out.push({
          role: name,
          severity: 'warning',
          message: `Request role ${name} can log in: anyone with its password skips PostgREST.`,
          hint: `ALTER ROLE ${name} NOLOGIN.`,
        });
      if (r.bypassRls || r.superuser)
        out.push({
          role: name,
          severity: 'error',
          message: `Request role ${name} ${r.superuser ? 'is a superuser' : 'bypasses row-level security'}: policies do not protect its requests.`,
          hint: `ALTER ROLE ${name} ${r.superuser ? 'NOSUPERUSER' : 'NOBYPASSRLS'}.`,
        });
    }
  return out;
}

/** The role graph of a model under a PostgREST configuration (schemas default to PostgREST's `public`). */
export function roleGraph(
  model: Catalog | CatalogIndex,
  config: Partial<PostgrestRoleConfig> = {},
  now: Date = new Date(),
): RoleGraph {
  const index = 'catalog' in model ? model : catalogIndex(model);
  const catalog = index.catalog;
  const schemas = config.schemas ?? ['public'];
  const view = postgrestView(index, { ...config, schemas });
  const problems = shapeProblems(index, view);
  const owners = exposedOwners(index, view.exposedSchemas);
  const request = new Set(
    view.authenticator?.exists === true && index.role(view.authenticator.name)?.superuser !== true
      ? view.requestRoles
      : [],
  );
  const authName = view.authenticator?.name ?? null;
  const byRole = new Map<string, ShapeProblem[]>();
  for (const p of problems) {
    const l = byRole.get(p.role);
    if (l === undefined) byRole.set(p.role, [p]);
    else l.push(p);
  }
  const nodes: RoleNode[] = catalog.roles.map((role) => {
    const parts: PostgrestPart[] = [];
    if (role.name === authName) parts.push('authenticator');
    if (role.name === view.anonRole) parts.push('anon');
    if (request.has(role.name) && !role.isSystem) parts.push('request');
    if (owners.has(role.name)) parts.push('owner');
    return {
      id: role.name,
      role,
      badges: roleBadges(role, now),
      parts,
      problems: byRole.get(role.name) ?? [],
    };
  });
  const pairs = new Map<string, MembershipEdge & { grantors: string[] }>();
  const rules = roleRules(index);
  for (const m of catalog.memberships) {
    const id = `${m.member}\0${m.role}`;
    const e = pairs.get(id);
    if (e === undefined)
      pairs.set(id, {
        id,
        member: m.member,
        role: m.role,
        admin: m.admin,
        inherit: m.inherit,
        set: m.set,
        grantors: m.grantor === null ? [] : [m.grantor],
        optionsFromServer: m.optionsFromServer,
        broken: m.member === authName && !rules.hasRole(m.member, m.role, 'SET'),
      });
    else {
      if (m.grantor !== null && !e.grantors.includes(m.grantor)) e.grantors.push(m.grantor);
      pairs.set(id, {
        ...e,
        admin: e.admin || m.admin,
        inherit: e.inherit || m.inherit,
        set: e.set || m.set,
      });
    }
  }
  return { major: catalog.server.major, nodes, edges: [...pairs.values()], view, problems };
}

export interface GraphFilter {
  /** Case-insensitive substring of the role name; matching roles and their direct neighbours stay. */
  readonly search?: string;
  /** Fold the predefined pg_* roles into one node (those without memberships disappear). */
  readonly collapseSystem?: boolean;
  /** Only roles with a PostgREST part, and the roles between them. */
  readonly postgrestOnly?: boolean;
}

/** The id of the node the pg_* roles fold into. */
export const SYSTEM_GROUP = 'pg_*';

export interface VisibleGraph {
  readonly nodes: readonly (RoleNode | SystemGroupNode)[];
  readonly edges: readonly MembershipEdge[];
}

export interface SystemGroupNode {
  readonly id: typeof SYSTEM_GROUP;
  readonly group: readonly string[];
}

export function isGroupNode(n: RoleNode | SystemGroupNode): n is SystemGroupNode {
  return 'group' in n;
}

/** The part of the graph to draw under a filter. */
export function filterGraph(graph: RoleGraph, filter: GraphFilter): VisibleGraph {
  let nodes: (RoleNode | SystemGroupNode)[] = [...graph.nodes];
  let edges: MembershipEdge[] = [...graph.edges];
  if (filter.postgrestOnly === true) {
    const keep = new Set(graph.nodes.filter((n) => n.parts.length > 0).map((n) => n.id));
    nodes = nodes.filter((n) => keep.has(n.id));
    edges = edges.filter((e) => keep.has(e.member) && keep.has(e.role));
  }
  const q = filter.search?.trim().toLowerCase() ?? '';
  if (q !== '') {
    const hit = new Set(nodes.filter((n) => n.id.toLowerCase().includes(q)).map((n) => n.id));
    const keep = new Set(hit);
    for (const e of edges) {
      if (hit.has(e.member)) keep.add(e.role);
      if (hit.has(e.role)) keep.add(e.member);
    }
    nodes = nodes.filter((n) => keep.has(n.id));
    edges = edges.filter((e) => keep.has(e.member) && keep.has(e.role));
  }
  if (filter.collapseSystem === true) {
    const system = new Set(nodes.filter((n) => !isGroupNode(n) && n.role.isSystem).map((n) => n.id));
    const fold = (name: string) => (system.has(name) ? SYSTEM_GROUP : name);
    const folded = new Map<string, MembershipEdge>();
    for (const e of edges) {
      const member = fold(e.member);
      const role = fold(e.role);
      if (member === role) continue;
      const id = `${member}\0${role}`;
      if (!folded.has(id)) folded.set(id, { ...e, id, member, role });
    }
    edges = [...folded.values()];
    nodes = nodes.filter((n) => !system.has(n.id));
    if (system.size > 0) nodes.push({ id: SYSTEM_GROUP, group: [...system].sort() });
  }
  return { nodes, edges };
}
