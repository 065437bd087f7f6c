import type { DefaultPrivilege, Grant, ObjectRef, Principal, Privilege } from '../../shared/model/catalog.js';
import { grantDefaultPrivileges, revokeDefaultPrivileges } from './default-privileges.js';
import { grantPrivileges, revokePrivileges } from './grants.js';
import { quoteIdent } from './quote.js';
import { statement, type Statement } from './statement.js';

const principalKey = (p: Principal) => (p.kind === 'public' ? '\0PUBLIC' : p.name);

/** Runs `inner` as `role` (SET ROLE … RESET ROLE), so PostgreSQL records that role as the grantor. */
export function asGrantor(role: string, owner: string, object: ObjectRef, inner: Statement[]): Statement[] {
  if (role === owner) return inner;
  return [
    statement('grant', object, `SET ROLE ${quoteIdent(role)}`),
    ...inner,
    statement('grant', object, 'RESET ROLE'),
  ];
}

/**
 * The statements that give one object exactly the ACL the model records (pg_dump's approach): nothing while the
 * ACL is still the built-in default (the model marks those grants implicit); otherwise revoke everything from
 * PUBLIC and the owner, then grant each recorded privilege, grouped by grantee, grantor and grant option.
 * Column privileges (`columnGrants`, for a relation) are only ever explicit and are granted after the object's own.
 */
export function aclStatements(
  object: ObjectRef,
  owner: string,
  grants: readonly Grant[],
  columnGrants: readonly Grant[] = [],
  options: { ownerless?: boolean } = {},
): Statement[] {
  const out: Statement[] = [];
  // Ownerless (a migration that ignores owners): the object belongs to whoever runs it, so the owner's own ACL
  // items are neither revoked nor granted; only what others hold is written.
  const others = (list: readonly Grant[]) =>
    options.ownerless === true
      ? list.filter((g) => !(g.grantee.kind === 'role' && g.grantee.name === owner))
      : list;
  const explicit = others(grants.filter((g) => !g.implicit));
  const isDefault = grants.length > 0 && grants.every((g) => g.implicit);
  if (!isDefault) {
    const owners: Principal[] =
      options.ownerless === true ? [{ kind: 'public' }] : [{ kind: 'public' }, { kind: 'role', name: owner }];
    out.push(revokePrivileges({ object, privileges: 'ALL', grantees: owners }));
    out.push(...grouped(object, owner, explicit, (g) => g.privilege));
  }
  out.push(...grouped(object, owner, others(columnGrants), (g) => g.privilege, true));
  return out;
}

/** GRANTs of `grants` grouped by (grantor, grant option, grantee[, privilege for columns]). */
function grouped(
  object: ObjectRef,
  owner: string,
  grants: readonly Grant[],
  privilegeOf: (g: Grant) => Privilege,
  byColumn = false,
): Statement[] {
  const groups = new Map<
    string,
    { grantor: string; grantable: boolean; grantee: Principal; privileges: Privilege[]; columns: string[] }
  >();
  for (const g of grants) {
    const key = [g.grantor, g.grantable, principalKey(g.grantee), byColumn ? g.privilege : ''].join('\0');
    let e = groups.get(key);
    if (e === undefined) {
      e = { grantor: g.grantor, grantable: g.grantable, grantee: g.grantee, privileges: [], columns: [] };
      groups.set(key, e);
    }
    if (byColumn) {
      if (e.privileges.length === 0) e.privileges.push(privilegeOf(g));
      if (g.object.member !== undefined && !e.columns.includes(g.object.member))
        e.columns.push(g.object.member);
    } else if (!e.privileges.includes(privilegeOf(g))) e.privileges.push(privilegeOf(g));
  }
  const out: Statement[] = [];
  for (const e of groups.values()) {
    const grant = grantPrivileges({
      object,
      privileges: e.privileges,
      ...(byColumn ? { columns: e.columns } : {}),
      grantees: [e.grantee],
      withGrantOption: e.grantable,
    });
    out.push(...asGrantor(e.grantor, owner, object, [grant]));
  }
  return out;
}

/**
 * ALTER DEFAULT PRIVILEGES that recreate one pg_default_acl entry. A global entry (no schema) replaces the
 * built-in defaults, so they are revoked first; a per-schema entry only adds to them.
 */
export function defaultPrivilegeStatements(d: DefaultPrivilege): Statement[] {
  const out: Statement[] = [];
  const base = { forRole: d.role, inSchema: d.schema, objectType: d.objectType } as const;
  if (d.schema === null)
    out.push(
      revokeDefaultPrivileges({
        ...base,
        privileges: 'ALL',
        grantees: [{ kind: 'public' }, { kind: 'role', name: d.role }],
      }),
    );
  const groups = new Map<string, { grantee: Principal; grantable: boolean; privileges: Privilege[] }>();
  for (const g of d.grants) {
    const key = `${principalKey(g.grantee)}\0${g.grantable}`;
    const e = groups.get(key) ?? { grantee: g.grantee, grantable: g.grantable, privileges: [] };
    e.privileges.push(g.privilege);
    groups.set(key, e);
  }
  for (const e of groups.values())
    out.push(
      grantDefaultPrivileges({
        ...base,
        privileges: e.privileges,
        grantees: [e.grantee],
        grantOption: e.grantable,
      }),
    );
  return out;
}
