import type { Role } from '../../../shared/model/catalog.js';
import { grantMembership, revokeMembership } from '../../ddl/memberships.js';
import { alterRole, commentOnRole, createRole, dropRole, setRoleSetting, type RoleAttributes } from '../../ddl/roles.js';
import { refs } from '../../ddl/statement.js';
import { same } from './compare.js';
import type { Diff } from './context.js';

const ATTRS = ['superuser', 'inherit', 'createRole', 'createDb', 'canLogin', 'replication', 'bypassRls', 'connectionLimit', 'validUntil'] as const;

function attributes(r: Role): RoleAttributes {
  return {
    superuser: r.superuser,
    inherit: r.inherit,
    createRole: r.createRole,
    createDb: r.createDb,
    canLogin: r.canLogin,
    replication: r.replication,
    bypassRls: r.bypassRls,
    connectionLimit: r.connectionLimit,
    ...(r.validUntil !== null ? { validUntil: r.validUntil } : {}),
  };
}

/** Roles (cluster-wide, only with includeRoles): created and altered first, memberships after, drops last. */
export function emitRoles(d: Diff): void {
  const major = d.major;
  if (d.wants('role')) {
    const fromR = new Map(d.from.model.roles.filter((r) => !r.isSystem).map((r) => [r.name, r]));
    const toR = new Map(d.to.model.roles.filter((r) => !r.isSystem).map((r) => [r.name, r]));
    for (const [name, r] of toR) {
      const before = fromR.get(name);
      const ref = refs.role(name);
      if (before === undefined) {
        const id = d.plan.change({ action: 'add', kind: 'role', object: ref, summary: `create role ${name}` });
        d.plan.add('first', createRole(name, attributes(r)), id);
        if (r.comment !== null) d.plan.add('first', commentOnRole(name, r.comment), id);
        for (const s of r.settings) d.plan.add('first', setRoleSetting(name, null, s.name, s.value), id);
        continue;
      }
      const changed: RoleAttributes = {};
      for (const a of ATTRS) if (before[a] !== r[a]) Object.assign(changed, { [a]: a === 'validUntil' ? (r.validUntil ?? null) : r[a] });
      const settingsChanged = !same(before.settings, r.settings);
      if (Object.keys(changed).length === 0 && before.comment === r.comment && !settingsChanged) continue;
      const id = d.plan.change({ action: 'alter', kind: 'role', object: ref, summary: `role ${name}: ${[...Object.keys(changed), ...(before.comment !== r.comment ? ['comment'] : []), ...(settingsChanged ? ['settings'] : [])].join(', ')}` });
      if (Object.keys(changed).length > 0) d.plan.add('first', alterRole(name, changed), id);
      if (before.comment !== r.comment) d.plan.add('first', commentOnRole(name, r.comment), id);
      const sb = new Map(before.settings.map((s) => [s.name, s.value]));
      const sa = new Map(r.settings.map((s) => [s.name, s.value]));
      for (const [n] of sb) if (!sa.has(n)) d.plan.add('first', setRoleSetting(name, null, n, null), id);
      for (const [n, v] of sa) if (sb.get(n) !== v) d.plan.add('first', setRoleSetting(name, null, n, v), id);
    }
    for (const name of fromR.keys()) {
      if (toR.has(name)) continue;
      const id = d.plan.change({ action: 'drop', kind: 'role', object: refs.role(name), summary: `drop role ${name}` });
      d.plan.add('last', dropRole(name), id);
    }
  }
  if (d.wants('membership')) {
    const key = (m: { role: string; member: string }) => `${m.role}\0${m.member}`;
    const fromM = new Map(d.from.model.memberships.map((m) => [key(m), m]));
    const toM = new Map(d.to.model.memberships.map((m) => [key(m), m]));
    for (const [k, m] of toM) {
      const before = fromM.get(k);
      if (before !== undefined && before.admin === m.admin && (major < 16 || (before.inherit === m.inherit && before.set === m.set))) continue;
      const id = d.plan.change({ action: before === undefined ? 'add' : 'alter', kind: 'membership', object: refs.role(m.role), summary: `${m.member} member of ${m.role}` });
      if (before !== undefined && before.admin && !m.admin && major < 16)
        d.plan.add('first', revokeMembership({ role: m.role, member: m.member, option: 'admin' }, major), id);
      else
        d.plan.add('first', grantMembership({ role: m.role, member: m.member, admin: m.admin, ...(major >= 16 ? { inherit: m.inherit, set: m.set } : {}) }, major), id);
    }
    for (const [k, m] of fromM) {
      if (toM.has(k)) continue;
      const id = d.plan.change({ action: 'drop', kind: 'membership', object: refs.role(m.role), summary: `${m.member} no longer member of ${m.role}` });
      d.plan.add('last', revokeMembership({ role: m.role, member: m.member }, major), id);
    }
  }
}
