import type { Catalog } from '../../../shared/model/catalog.js';

/**
 * The model with only the built-in roles and those its database mentions (owners, grantees, policy roles…),
 * and only the role settings of its own database.
 * Roles are cluster-wide and other test files create and drop theirs at the same time, so two reads of one
 * database compare equal only on these.
 */
export function ownRoles(m: Catalog): Catalog {
  const rest = JSON.stringify({ ...m, roles: [], memberships: [], roleSettings: [] });
  const own = new Set(
    m.roles.filter((r) => r.isSystem || rest.includes(JSON.stringify(r.name))).map((r) => r.name),
  );
  return {
    ...m,
    roles: m.roles.filter((r) => own.has(r.name)),
    memberships: m.memberships.filter((x) => own.has(x.role) && own.has(x.member)),
    // Settings for other databases (ALTER DATABASE … SET of other test files) are cluster-wide too.
    roleSettings: m.roleSettings.filter(
      (x) =>
        (x.role === null || own.has(x.role)) &&
        (x.database === null || x.database === m.server.currentDatabase),
    ),
  };
}
