import type { PolicyDraft, RlsChange } from '../../shared/contract/rls.js';
import { GatehouseError } from '../../shared/errors.js';
import type { Policy, Principal } from '../../shared/model/catalog.js';
import { alterPolicy, createPolicy, dropPolicy, renamePolicy, type PolicyChange } from '../ddl/policies.js';
import { setRowLevelSecurity } from '../ddl/rls.js';
import type { Statement } from '../ddl/statement.js';

const principals = (roles: readonly string[]): Principal[] =>
  roles.length === 0
    ? [{ kind: 'public' }]
    : roles.map((r) => (r.toUpperCase() === 'PUBLIC' ? { kind: 'public' } : { kind: 'role', name: r }));

const roleKey = (roles: readonly Principal[]) =>
  roles
    .map((r) => (r.kind === 'public' ? 'PUBLIC' : r.name))
    .sort()
    .join('\0');

/** What a change turns into: the statements, in order, and for an edit why it needs DROP + CREATE. */
export interface ChangePlan {
  readonly statements: readonly Statement[];
  readonly recreateReason: string | null;
  readonly unchanged: boolean;
}

/**
 * Why PostgreSQL cannot turn `current` into `draft` with ALTER POLICY: it has no clause for PERMISSIVE/RESTRICTIVE
 * or the command, and cannot remove an expression once set. Null when RENAME + ALTER do it.
 */
export function recreateReason(current: Policy, draft: PolicyDraft): string | null {
  const reasons: string[] = [];
  if (current.permissive !== draft.permissive)
    reasons.push(
      `PostgreSQL cannot change a policy between PERMISSIVE and RESTRICTIVE (ALTER POLICY has no AS clause)`,
    );
  if (current.command !== draft.command)
    reasons.push(`ALTER POLICY cannot change the command (${current.command} → ${draft.command})`);
  if (current.command === draft.command) {
    if (current.using !== null && draft.using === null)
      reasons.push('ALTER POLICY cannot remove a USING expression');
    if (current.withCheck !== null && draft.withCheck === null)
      reasons.push('ALTER POLICY cannot remove a WITH CHECK expression');
  }
  return reasons.length === 0 ? null : `${reasons.join('; ')}: drop it and create it anew.`;
}

/**
 * The editor's edit of `current` into `draft`. In place: RENAME first (when the name changes), then one ALTER
 * with only the clauses that differ. Otherwise DROP + CREATE, only when `recreate` is asked for (the two run in the
 * change set's one transaction, so no request sees the table without the policy); else GH805 says why.
 */
export function planPolicyEdit(current: Policy, draft: PolicyDraft, recreate: boolean): ChangePlan {
  const reason = recreateReason(current, draft);
  const at = { schema: current.schema, table: current.table };
  if (reason !== null) {
    if (!recreate)
      throw new GatehouseError('GH805', `Policy ${current.name}: ${reason}`, {
        hint: 'Ask for drop and create (recreate) instead.',
      });
    return {
      statements: [dropPolicy(current), createPolicy({ ...at, ...draft, roles: principals(draft.roles) })],
      recreateReason: reason,
      unchanged: false,
    };
  }
  const out: Statement[] = [];
  if (draft.name !== current.name) out.push(renamePolicy(current, draft.name));
  const change: { -readonly [K in keyof PolicyChange]: PolicyChange[K] } = {};
  const roles = principals(draft.roles);
  if (roleKey(roles) !== roleKey(current.roles)) change.roles = roles;
  if (draft.using !== null && draft.using.trim() !== (current.using ?? '').trim()) change.using = draft.using;
  if (draft.withCheck !== null && draft.withCheck.trim() !== (current.withCheck ?? '').trim())
    change.withCheck = draft.withCheck;
  if (Object.keys(change).length > 0) out.push(alterPolicy({ ...at, name: draft.name }, change));
  return { statements: out, recreateReason: null, unchanged: out.length === 0 };
}

/**
 * The statements for a panel's change, always from the core/ddl builders. An edit needs the policy as it is now
 * (`current`, from the model); GH807 when it does not exist.
 */
export function planChange(change: RlsChange, current?: Policy): ChangePlan {
  const one = (s: Statement): ChangePlan => ({ statements: [s], recreateReason: null, unchanged: false });
  const p = { schema: change.schema, table: change.table };
  switch (change.kind) {
    case 'rls':
      return one(setRowLevelSecurity(change.schema, change.table, change.change));
    case 'create':
      return one(
        createPolicy({
          ...p,
          name: change.name,
          permissive: change.permissive,
          command: change.command,
          roles: principals(change.roles),
          using: change.using,
          withCheck: change.withCheck,
        }),
      );
    case 'alter':
      return one(
        alterPolicy(
          { ...p, name: change.name },
          {
            ...(change.roles !== undefined ? { roles: principals(change.roles) } : {}),
            ...(change.using !== undefined ? { using: change.using } : {}),
            ...(change.withCheck !== undefined ? { withCheck: change.withCheck } : {}),
          },
        ),
      );
    case 'rename':
      return one(renamePolicy({ ...p, name: change.name }, change.newName));
    case 'drop':
      return one(dropPolicy({ ...p, name: change.name }));
    case 'edit':
      if (current === undefined)
        throw new GatehouseError(
          'GH807',
          `There is no policy ${change.name} on ${change.schema}.${change.table}.`,
          {
            hint: 'It may have been dropped or renamed meanwhile: reload the RLS panel.',
          },
        );
      return planPolicyEdit(current, change.policy, change.recreate ?? false);
  }
}

/** The expressions a change writes, to check before it is queued. */
export function expressionsOf(change: RlsChange): { what: string; text: string }[] {
  const out: { what: string; text: string }[] = [];
  const add = (what: string, text: string | null | undefined) => {
    if (text !== null && text !== undefined) out.push({ what, text });
  };
  if (change.kind === 'create' || change.kind === 'alter') {
    add('USING', change.using);
    add('WITH CHECK', change.withCheck);
  } else if (change.kind === 'edit') {
    add('USING', change.policy.using);
    add('WITH CHECK', change.policy.withCheck);
  }
  return out;
}
