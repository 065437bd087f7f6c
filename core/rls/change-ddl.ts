import type { RlsChange } from '../../shared/contract/rls.js';
import type { Principal } from '../../shared/model/catalog.js';
import { alterPolicy, createPolicy, dropPolicy, renamePolicy } from '../ddl/policies.js';
import { setRowLevelSecurity } from '../ddl/rls.js';
import type { Statement } from '../ddl/statement.js';

const principals = (roles: readonly string[]): Principal[] =>
  roles.length === 0
    ? [{ kind: 'public' }]
    : roles.map((r) => (r.toUpperCase() === 'PUBLIC' ? { kind: 'public' } : { kind: 'role', name: r }));

/** The one statement for a panel's change, always from the core/ddl builders. */
export function statementFor(change: RlsChange): Statement {
  const p = { schema: change.schema, table: change.table };
  switch (change.kind) {
    case 'rls':
      return setRowLevelSecurity(change.schema, change.table, change.change);
    case 'create':
      return createPolicy({
        ...p,
        name: change.name,
        permissive: change.permissive,
        command: change.command,
        roles: principals(change.roles),
        using: change.using,
        withCheck: change.withCheck,
      });
    case 'alter':
      return alterPolicy(
        { ...p, name: change.name },
        {
          ...(change.roles !== undefined ? { roles: principals(change.roles) } : {}),
          ...(change.using !== undefined ? { using: change.using } : {}),
          ...(change.withCheck !== undefined ? { withCheck: change.withCheck } : {}),
        },
      );
    case 'rename':
      return renamePolicy({ ...p, name: change.name }, change.newName);
    case 'drop':
      return dropPolicy({ ...p, name: change.name });
  }
}
