import type { ChangeOrigin } from '../../shared/contract/changeset.js';
import type { ChangeProblem, RoleChange } from '../../shared/contract/roles.js';
import { GatehouseError } from '../../shared/errors.js';
import { catalogIndex, type CatalogIndex } from '../../shared/model/catalog-index.js';
import {
  principalLabel,
  refLabel,
  type Catalog,
  type ObjectRef,
  type Principal,
  type Privilege,
} from '../../shared/model/catalog.js';
import { privilegesOf, type PrivilegeObjectKind } from '../../shared/model/privilege-kinds.js';
import {
  hasColumnPrivilege,
  hasDatabasePrivilege,
  hasFunctionPrivilege,
  hasSchemaPrivilege,
  hasSequencePrivilege,
  hasTablePrivilege,
  hasTypePrivilege,
} from '../../shared/model/privileges.js';
import { roleRules } from '../../shared/model/role-closure.js';
import { blocksDrop, roleFootprint } from '../../shared/roles/footprint.js';
import {
  alterRole,
  commentOnRole,
  createRole,
  dropOwned,
  dropRole,
  grantDefaultPrivileges,
  grantMembership,
  grantPrivileges,
  reassignOwned,
  renameRole,
  revokeDefaultPrivileges,
  revokeMembership,
  revokePrivileges,
  setRoleSetting,
  type Statement,
} from '../ddl/index.js';
import { plural } from '../../shared/text/plural.js';

/** The statements of one change, where they came from, and what the model says about it. */
export interface PlannedChange {
  readonly index: number;
  readonly origin: ChangeOrigin;
  readonly statements: readonly Statement[];
}

export interface ChangePlan {
  readonly changes: readonly PlannedChange[];
  readonly problems: readonly ChangeProblem[];
}

/** The role names of the model as a batch of changes leaves them (created, renamed, dropped). */
class BatchState {
  readonly created = new Set<string>();
  readonly dropped = new Set<string>();
  /** Memberships added in this batch: member → roles. */
  readonly added = new Map<string, Set<string>>();

  constructor(readonly index: CatalogIndex) {}

  exists(role: string): boolean {
    if (this.dropped.has(role)) return false;
    return this.created.has(role) || this.index.role(role) !== undefined;
  }

  /** Whether `from` is (transitively) a member of `to`, counting the model and this batch's grants. */
  reaches(from: string, to: string): boolean {
    const seen = new Set([from]);
    const queue = [from];
    while (queue.length > 0) {
      const r = queue.shift()!;
      if (r === to) return true;
      const next = [...this.index.membershipsOf(r).map((m) => m.role), ...(this.added.get(r) ?? [])];
      for (const n of next)
        if (!seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
    }
    return false;
  }
}

const KIND_OF: Partial<Record<ObjectRef['kind'], PrivilegeObjectKind>> = {
  relation: 'table',
  column: 'column',
  sequence: 'sequence',
  function: 'function',
  schema: 'schema',
  database: 'database',
  type: 'type',
};

function objectExists(index: CatalogIndex, ref: ObjectRef): boolean {
  const s = ref.schema ?? '';
  switch (ref.kind) {
    case 'relation':
      return index.relation(s, ref.name) !== undefined;
    case 'sequence':
      return index.sequence(s, ref.name) !== undefined;
    case 'function':
      return index.functionOverload(s, ref.name, ref.args ?? '') !== undefined;
    case 'schema':
      return index.schema(ref.name) !== undefined;
    case 'database':
      return index.catalog.database.name === ref.name;
    case 'type':
      return index.type(s, ref.name) !== undefined;
    default:
      return false;
  }
}

/** Whether `role` holds `privilege` WITH GRANT OPTION on the object (as has_*_privilege would answer). */
function mayGrant(
  index: CatalogIndex,
  role: string,
  ref: ObjectRef,
  privilege: Privilege,
  column?: string,
): boolean {
  const o = { grantOption: true };
  const s = ref.schema ?? '';
  switch (ref.kind) {
    case 'relation':
      return column !== undefined
        ? hasColumnPrivilege(index, role, { schema: s, table: ref.name, column }, privilege, o)
        : hasTablePrivilege(index, role, { schema: s, name: ref.name }, privilege, o);
    case 'sequence':
      return hasSequencePrivilege(index, role, { schema: s, name: ref.name }, privilege, o);
    case 'function':
      return hasFunctionPrivilege(
        index,
        role,
        { schema: s, name: ref.name, args: ref.args ?? '' },
        privilege,
        o,
      );
    case 'schema':
      return hasSchemaPrivilege(index, role, ref.name, privilege, o);
    case 'database':
      return hasDatabasePrivilege(index, role, privilege, o);
    case 'type':
      return hasTypePrivilege(index, role, { schema: s, name: ref.name }, privilege, o);
    default:
      return false;
  }
}

/** The ACL items (not implicit defaults only: those count too, PostgreSQL materialises them on REVOKE). */
function directGrants(
  index: CatalogIndex,
  ref: ObjectRef,
  grantee: Principal,
  privilege: Privilege,
  column?: string,
) {
  const on: ObjectRef =
    column !== undefined ? { kind: 'column', schema: ref.schema, name: ref.name, member: column } : ref;
  return index
    .grantsOn(on)
    .filter(
      (g) =>
        g.privilege === privilege &&
        (grantee.kind === 'public'
          ? g.grantee.kind === 'public'
          : g.grantee.kind === 'role' && g.grantee.name === grantee.name),
    );
}

function describe(c: RoleChange): { object: string; action: string } {
  switch (c.type) {
    case 'create-role':
      return { object: `role ${c.name}`, action: 'create role' };
    case 'alter-role':
      return { object: `role ${c.name}`, action: 'alter role' };
    case 'set-password':
      return { object: `role ${c.name}`, action: c.password === null ? 'remove password' : 'set password' };
    case 'rename-role':
      return { object: `role ${c.name}`, action: `rename to ${c.newName}` };
    case 'drop-role':
      return { object: `role ${c.name}`, action: 'drop role' };
    case 'grant-membership':
      return { object: `role ${c.role}`, action: `grant ${c.role} to ${c.member}` };
    case 'revoke-membership':
      return { object: `role ${c.role}`, action: `revoke ${c.role} from ${c.member}` };
    case 'role-setting':
      return {
        object: `role ${c.role}`,
        action: `${c.value === null ? 'reset' : 'set'} ${c.setting}${c.database === null ? '' : ` in ${c.database}`}`,
      };
    case 'grant':
    case 'revoke':
      return {
        object: `${refLabel(c.object)}${c.column !== undefined ? `.${c.column}` : ''}`,
        action: `${c.type} ${c.privileges.join(', ')} ${c.type === 'grant' ? 'to' : 'from'} ${principalLabel(c.grantee)}`,
      };
    case 'revoke-public-in-schema':
      return { object: `schema ${c.schema}`, action: 'revoke everything PUBLIC has' };
    case 'default-grant':
    case 'default-revoke':
      return {
        object: `defaults of ${c.forRole}${c.inSchema === null ? '' : ` in ${c.inSchema}`}`,
        action: `${c.type === 'default-grant' ? 'grant' : 'revoke'} ${c.privileges.join(', ')} on ${c.objectType} ${c.type === 'default-grant' ? 'to' : 'from'} ${principalLabel(c.grantee)}`,
      };
  }
}

/**
 * Turns edits into DDL through core/ddl, checking each against the model and the batch before it: what PostgreSQL
 * would refuse (or silently ignore) is a problem here, before apply. `errors` block the whole batch.
 */
export function planChanges(
  model: Catalog | CatalogIndex,
  changes: readonly RoleChange[],
  panel = 'roles',
): ChangePlan {
  const index = 'catalog' in model ? model : catalogIndex(model);
  const c = index.catalog;
  const major = c.server.major;
  const me = c.server.currentUser;
  const meRole = index.role(me);
  const superuser = meRole?.superuser ?? c.server.isSuperuser;
  const rules = roleRules(index);
  const state = new BatchState(index);
  const problems: ChangeProblem[] = [];
  const planned: PlannedChange[] = [];

  changes.forEach((change, i) => {
    const problem = (message: string, hint: string | null = null, severity: 'error' | 'warning' = 'error') =>
      problems.push({ index: i, severity, message, hint });
    const needRole = (role: string): boolean => {
      if (state.exists(role)) return true;
      problem(
        `There is no role "${role}".`,
        'Check the spelling (role names are case-sensitive), or create it first.',
      );
      return false;
    };
    const mayAdminister = (role: string): boolean =>
      superuser ||
      state.created.has(role) ||
      rules.hasRole(me, role, 'ADMIN') ||
      (major < 16 && meRole?.createRole === true && index.role(role)?.superuser !== true);
    const statements: Statement[] = [];
    try {
      switch (change.type) {
        case 'create-role': {
          if (state.exists(change.name))
            problem(
              `A role named "${change.name}" already exists.`,
              'Role names are unique in the cluster: pick another name.',
            );
          else if (change.name.startsWith('pg_'))
            problem(`Role names starting with "pg_" are reserved.`, 'Pick a name without the pg_ prefix.');
          else if (!superuser && meRole?.createRole !== true)
            problem(`${me} may not create roles.`, 'Connect as a role with CREATEROLE (or a superuser).');
          else if (
            !superuser &&
            (change.attributes.superuser === true ||
              change.attributes.replication === true ||
              change.attributes.bypassRls === true)
          )
            problem(
              `Only a superuser may create a role with SUPERUSER, REPLICATION or BYPASSRLS.`,
              'Leave those attributes off, or connect as a superuser.',
            );
          const attrs = {
            ...change.attributes,
            ...(change.password !== undefined ? { password: change.password } : {}),
          };
          statements.push(createRole(change.name, attrs));
          if (change.comment !== undefined && change.comment !== '')
            statements.push(commentOnRole(change.name, change.comment));
          state.created.add(change.name);
          break;
        }
        case 'alter-role':
          if (needRole(change.name)) {
            const target = index.role(change.name);
            if (!superuser && target?.superuser === true)
              problem(`Only a superuser may alter superuser ${change.name}.`);
            else if (!superuser && !mayAdminister(change.name) && change.name !== me)
              problem(
                `${me} may not alter role ${change.name}.`,
                `It needs ADMIN OPTION on ${change.name} (or CREATEROLE before PostgreSQL 16).`,
              );
          }
          statements.push(alterRole(change.name, change.attributes));
          break;
        case 'set-password':
          needRole(change.name);
          statements.push(alterRole(change.name, { password: change.password }));
          break;
        case 'rename-role':
          if (needRole(change.name)) {
            if (state.exists(change.newName)) problem(`A role named "${change.newName}" already exists.`);
            if (change.name === c.server.sessionUser)
              problem('The session user cannot be renamed.', 'Connect as another role to rename it.');
            if (index.role(change.name)?.hasPassword === true)
              problem(
                'Renaming a role clears its MD5 password.',
                'Set the password again if it was MD5 (SCRAM passwords survive).',
                'warning',
              );
          }
          statements.push(renameRole(change.name, change.newName));
          state.dropped.add(change.name);
          state.created.add(change.newName);
          break;
        case 'drop-role': {
          if (needRole(change.name)) {
            if (change.name === me || change.name === c.server.sessionUser)
              problem('A role cannot drop itself.');
            const f = roleFootprint(index, change.name);
            if (f.ownsDatabase)
              problem(
                `${change.name} owns database ${c.database.name}.`,
                'ALTER DATABASE … OWNER TO another role first.',
              );
            if (change.reassignTo !== undefined) {
              needRole(change.reassignTo);
              statements.push(reassignOwned(change.name, change.reassignTo));
            }
            if (change.dropOwned === true) statements.push(dropOwned(change.name));
            else if (
              blocksDrop(f) &&
              (change.reassignTo === undefined || f.privileges.length > 0 || f.defaultPrivileges > 0)
            ) {
              const what = [
                f.owns.length > 0 && change.reassignTo === undefined
                  ? `owns ${f.owns.length} object(s) (${f.owns
                      .slice(0, 3)
                      .map((o) => o.label)
                      .join(', ')}${f.owns.length > 3 ? ', …' : ''})`
                  : null,
                f.privileges.length > 0 ? `holds ${f.privileges.length} privilege(s)` : null,
                f.defaultPrivileges > 0
                  ? `has ${f.defaultPrivileges} default-privilege ${plural(f.defaultPrivileges, 'entry', 'entries')}`
                  : null,
              ].filter((x) => x !== null);
              if (what.length > 0)
                problem(
                  `${change.name} ${what.join(' and ')}: DROP ROLE would fail.`,
                  'Reassign what it owns to another role, and drop what it still owns and holds (DROP OWNED).',
                );
            }
          }
          statements.push(dropRole(change.name));
          state.dropped.add(change.name);
          break;
        }
        case 'grant-membership': {
          const ok = needRole(change.role) && needRole(change.member);
          if (ok) {
            if (change.role === change.member) problem(`A role cannot be a member of itself.`);
            else if (state.reaches(change.role, change.member))
              problem(
                `Granting ${change.role} to ${change.member} would make a circular membership: ${change.role} is already a member of ${change.member}.`,
                'Remove the other direction first.',
              );
            else if (!mayAdminister(change.role))
              problem(
                `${me} may not grant ${change.role}.`,
                `It needs ADMIN OPTION on ${change.role}${major < 16 ? ' or CREATEROLE' : ''}.`,
              );
            const existing = index.membershipsOf(change.member).find((m) => m.role === change.role);
            if (existing !== undefined && major < 16 && change.admin !== true)
              problem(`${change.member} is already a member of ${change.role}.`, null, 'warning');
          }
          statements.push(grantMembership(change, major));
          state.added.set(change.member, (state.added.get(change.member) ?? new Set()).add(change.role));
          break;
        }
        case 'revoke-membership':
          if (needRole(change.role) && needRole(change.member)) {
            const direct =
              index.membershipsOf(change.member).some((m) => m.role === change.role) ||
              state.added.get(change.member)?.has(change.role) === true;
            if (!direct)
              problem(
                `${change.member} is not a member of ${change.role}${rules.hasRole(change.member, change.role, 'MEMBER') ? ' directly (only through another role)' : ''}: there is nothing to revoke.`,
                'Revoke the membership it holds through, or pick another edge.',
              );
            else if (!mayAdminister(change.role))
              problem(`${me} may not revoke ${change.role}.`, `It needs ADMIN OPTION on ${change.role}.`);
          }
          statements.push(revokeMembership({ role: change.role, member: change.member }, major));
          break;
        case 'role-setting':
          if (needRole(change.role) && !superuser && !mayAdminister(change.role) && change.role !== me)
            problem(`${me} may not change the settings of ${change.role}.`);
          if (change.database !== null && change.database !== c.database.name)
            problem(
              `Database ${change.database} is not the one connected to; it is not checked.`,
              null,
              'warning',
            );
          statements.push(setRoleSetting(change.role, change.database, change.setting, change.value));
          break;
        case 'grant':
        case 'revoke': {
          const kind = change.column !== undefined ? 'column' : KIND_OF[change.object.kind];
          if (kind === undefined) {
            problem(`Privileges cannot be granted on a ${change.object.kind}.`);
            break;
          }
          const allowed = privilegesOf(kind, major);
          const wrong = change.privileges.filter((p) => !allowed.includes(p));
          if (wrong.length > 0) {
            problem(
              `${wrong.join(', ')} ${wrong.length === 1 ? 'does' : 'do'} not apply to a ${kind}.`,
              `A ${kind} has ${allowed.join(', ')}.`,
            );
            break;
          }
          if (!objectExists(index, change.object)) {
            problem(
              `There is no ${change.object.kind} ${refLabel(change.object)}.`,
              'Refresh the catalog if it was just created.',
            );
            break;
          }
          if (
            change.column !== undefined &&
            index.column(change.object.schema ?? '', change.object.name, change.column) === undefined
          ) {
            problem(`There is no column ${change.column} in ${refLabel(change.object)}.`);
            break;
          }
          if (change.grantee.kind === 'role') needRole(change.grantee.name);
          for (const p of change.privileges) {
            if (!superuser && !mayGrant(index, me, change.object, p, change.column))
              problem(
                `${me} may not ${change.type} ${p} on ${refLabel(change.object)}: it holds it without GRANT OPTION, or not at all.`,
                'Ask its owner, or connect as the owner.',
              );
            if (
              change.type === 'revoke' &&
              change.grantee.kind === 'role' &&
              !state.created.has(change.grantee.name)
            ) {
              const held = directGrants(index, change.object, change.grantee, p, change.column);
              if (held.length === 0) {
                problem(
                  `${change.grantee.name} does not hold ${p} on ${refLabel(change.object)}${change.column !== undefined ? ` (${change.column})` : ''} itself: there is nothing to revoke.`,
                  'If it has the privilege, it comes through PUBLIC or a role it inherits from: revoke it there.',
                );
              }
            }
            if (
              change.type === 'revoke' &&
              change.grantee.kind === 'public' &&
              directGrants(index, change.object, change.grantee, p, change.column).length === 0
            )
              problem(`PUBLIC does not hold ${p} on ${refLabel(change.object)}: there is nothing to revoke.`);
          }
          const spec = {
            object: change.object,
            privileges: change.privileges,
            grantees: [change.grantee],
            ...(change.column !== undefined ? { columns: [change.column] } : {}),
          };
          statements.push(
            change.type === 'grant'
              ? grantPrivileges({ ...spec, withGrantOption: change.grantOption === true })
              : revokePrivileges({ ...spec, grantOptionFor: change.grantOption === true }),
          );
          break;
        }
        case 'revoke-public-in-schema': {
          if (index.schema(change.schema) === undefined) {
            problem(`There is no schema ${change.schema}.`);
            break;
          }
          statements.push(...revokePublicIn(index, change.schema));
          if (statements.length === 0)
            problem(`PUBLIC holds nothing in schema ${change.schema}.`, null, 'warning');
          break;
        }
        case 'default-grant':
        case 'default-revoke': {
          if (
            needRole(change.forRole) &&
            !superuser &&
            !state.created.has(change.forRole) &&
            !rules.hasRole(me, change.forRole, 'MEMBER')
          )
            problem(
              `${me} may not change the default privileges of ${change.forRole}.`,
              `Only ${change.forRole}, its members and superusers may.`,
            );
          if (change.inSchema !== null && index.schema(change.inSchema) === undefined)
            problem(`There is no schema ${change.inSchema}.`);
          if (change.grantee.kind === 'role') needRole(change.grantee.name);
          const spec = {
            forRole: change.forRole,
            inSchema: change.inSchema,
            objectType: change.objectType,
            privileges: change.privileges,
            grantees: [change.grantee],
          };
          statements.push(
            change.type === 'default-grant' ? grantDefaultPrivileges(spec) : revokeDefaultPrivileges(spec),
          );
          break;
        }
      }
    } catch (e) {
      if (!(e instanceof GatehouseError)) throw e;
      problem(e.message, e.hint ?? null);
    }
    planned.push({ index: i, origin: { panel, ...describe(change) }, statements });
  });
  return { changes: planned, problems };
}

/** REVOKE … FROM PUBLIC for every privilege PUBLIC holds on the schema and on each object in it. */
function revokePublicIn(index: CatalogIndex, schema: string): Statement[] {
  const pub: Principal = { kind: 'public' };
  const out: Statement[] = [];
  const revoke = (object: ObjectRef) => {
    const privileges = [
      ...new Set(
        index
          .grantsOn(object)
          .filter((g) => g.grantee.kind === 'public')
          .map((g) => g.privilege),
      ),
    ];
    if (privileges.length > 0) out.push(revokePrivileges({ object, privileges, grantees: [pub] }));
  };
  revoke({ kind: 'schema', schema: null, name: schema });
  const contents = index.inSchema(schema);
  for (const r of contents.relations) {
    const ref: ObjectRef = { kind: 'relation', schema, name: r.name };
    revoke(ref);
    const cols = new Map<string, Privilege[]>();
    for (const g of index.columnGrantsOf(schema, r.name))
      if (g.grantee.kind === 'public' && g.object.member !== undefined)
        cols.set(g.object.member, [...(cols.get(g.object.member) ?? []), g.privilege]);
    for (const [column, privileges] of cols)
      out.push(
        revokePrivileges({
          object: ref,
          columns: [column],
          privileges: [...new Set(privileges)],
          grantees: [pub],
        }),
      );
  }
  for (const s of contents.sequences) revoke({ kind: 'sequence', schema, name: s.name });
  for (const f of contents.functions)
    revoke({ kind: 'function', schema, name: f.name, args: f.identityArgs });
  for (const t of contents.types) revoke({ kind: 'type', schema, name: t.name });
  return out;
}

/** The statements of a plan as the change set's inputs (secrets included: they must reach the server). */
export function queueInputs(plan: ChangePlan): { sql: string; origin: ChangeOrigin }[] {
  return plan.changes.flatMap((c) => c.statements.map((s) => ({ sql: s.sql, origin: c.origin })));
}
