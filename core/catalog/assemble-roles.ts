import type { Membership, Role, RoleSetting } from '../../shared/model/catalog.js';
import type { MembershipRow, RolePasswordRow, RoleRow, RoleSettingRow } from './rows.js';
import { parseSettings } from './settings.js';

/** Roles in name order; `passwords` is null when pg_authid could not be read (hasPassword stays unknown). */
export function assembleRoles(
  rows: readonly RoleRow[],
  passwords: readonly RolePasswordRow[] | null,
): Role[] {
  const hasPassword = passwords === null ? null : new Map(passwords.map((p) => [p.oid, p.has_password]));
  return rows.map((r) => ({
    oid: r.oid,
    name: r.name,
    superuser: r.superuser,
    inherit: r.inherit,
    createRole: r.create_role,
    createDb: r.create_db,
    canLogin: r.can_login,
    replication: r.replication,
    bypassRls: r.bypass_rls,
    connectionLimit: r.connection_limit,
    validUntil: r.valid_until,
    hasPassword: hasPassword === null ? null : (hasPassword.get(r.oid) ?? false),
    isSystem: r.is_system,
    comment: r.comment,
    settings: parseSettings(r.settings),
  }));
}

export function assembleMemberships(rows: readonly MembershipRow[]): Membership[] {
  return rows.map((m) => ({
    role: m.role,
    member: m.member,
    grantor: m.grantor,
    admin: m.admin,
    inherit: m.inherit,
    set: m.set,
    optionsFromServer: m.options_from_server,
  }));
}

export function assembleRoleSettings(rows: readonly RoleSettingRow[]): RoleSetting[] {
  return rows.map((s) => ({ role: s.role, database: s.database, settings: parseSettings(s.settings) }));
}
