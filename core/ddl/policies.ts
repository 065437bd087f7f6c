import { GatehouseError } from '../../shared/errors.js';
import type { Policy, PolicyCommand, Principal } from '../../shared/model/catalog.js';
import { parenthesisedExpression } from './expression.js';
import { principal } from './names.js';
import { quoteIdent, quoteNullableLiteral, quoteQualified } from './quote.js';
import { refs, statement, type Statement } from './statement.js';

export type PolicySpec = Pick<
  Policy,
  'schema' | 'table' | 'name' | 'permissive' | 'command' | 'roles' | 'using' | 'withCheck'
>;

const policyRef = (p: { schema: string; table: string; name: string }) =>
  refs.member('policy', p.schema, p.table, p.name);
const on = (p: { schema: string; table: string; name: string }) =>
  `${quoteIdent(p.name)} ON ${quoteQualified(p.schema, p.table)}`;

function roleList(roles: readonly Principal[]): string {
  // PostgreSQL keeps only PUBLIC when it is listed with roles (with a warning): refuse rather than lose them.
  if (roles.length > 1 && roles.some((r) => r.kind === 'public'))
    throw new GatehouseError('GH702', 'A policy for PUBLIC applies to every role: list PUBLIC alone.', {
      details: roles.map((r) => (r.kind === 'public' ? 'PUBLIC' : r.name)).join(', '),
      hint: 'Either PUBLIC, or the roles it is for, not both.',
    });
  return roles.length === 0 ? 'PUBLIC' : roles.map(principal).join(', ');
}

/** Which clauses a command allows: SELECT/DELETE take no WITH CHECK, INSERT no USING. */
function checkClauses(command: PolicyCommand, using: string | null, withCheck: string | null): void {
  if (using !== null && command === 'INSERT')
    throw new GatehouseError('GH702', 'An INSERT policy cannot have a USING expression.', {
      hint: 'Use WITH CHECK for the rows an INSERT may add.',
    });
  if (withCheck !== null && (command === 'SELECT' || command === 'DELETE'))
    throw new GatehouseError('GH702', `A ${command} policy cannot have a WITH CHECK expression.`, {
      hint: 'Use USING for the rows it may see.',
    });
}

/** CREATE POLICY name ON s.t [AS RESTRICTIVE] FOR cmd TO roles [USING (…)] [WITH CHECK (…)]. */
export function createPolicy(p: PolicySpec): Statement {
  checkClauses(p.command, p.using, p.withCheck);
  const parts = [`CREATE POLICY ${on(p)}`];
  parts.push(`AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'}`);
  parts.push(`FOR ${p.command}`);
  parts.push(`TO ${roleList(p.roles)}`);
  if (p.using !== null) parts.push(`USING ${parenthesisedExpression(p.using, 'USING expression')}`);
  if (p.withCheck !== null)
    parts.push(`WITH CHECK ${parenthesisedExpression(p.withCheck, 'WITH CHECK expression')}`);
  return statement('create', policyRef(p), parts.join('\n  '));
}

export interface PolicyChange {
  readonly roles?: readonly Principal[];
  readonly using?: string;
  readonly withCheck?: string;
}

/**
 * ALTER POLICY name ON s.t [TO roles] [USING (…)] [WITH CHECK (…)]. PostgreSQL cannot drop an expression or
 * change the command or permissiveness in place: the change set drops and recreates for that.
 */
export function alterPolicy(
  p: { schema: string; table: string; name: string },
  change: PolicyChange,
): Statement {
  const parts = [`ALTER POLICY ${on(p)}`];
  if (change.roles !== undefined) parts.push(`TO ${roleList(change.roles)}`);
  if (change.using !== undefined)
    parts.push(`USING ${parenthesisedExpression(change.using, 'USING expression')}`);
  if (change.withCheck !== undefined)
    parts.push(`WITH CHECK ${parenthesisedExpression(change.withCheck, 'WITH CHECK expression')}`);
  if (parts.length === 1)
    throw new GatehouseError('GH702', 'ALTER POLICY needs roles, USING or WITH CHECK to change.', {
      details: p.name,
    });
  return statement('alter', policyRef(p), parts.join('\n  '));
}

export function renamePolicy(p: { schema: string; table: string; name: string }, newName: string): Statement {
  return statement('rename', policyRef(p), `ALTER POLICY ${on(p)} RENAME TO ${quoteIdent(newName)}`);
}

export function dropPolicy(
  p: { schema: string; table: string; name: string },
  options: { ifExists?: boolean } = {},
): Statement {
  return statement(
    'drop',
    policyRef(p),
    `DROP POLICY ${options.ifExists === true ? 'IF EXISTS ' : ''}${on(p)}`,
  );
}

export function commentOnPolicy(
  p: { schema: string; table: string; name: string },
  comment: string | null,
): Statement {
  return statement('comment', policyRef(p), `COMMENT ON POLICY ${on(p)} IS ${quoteNullableLiteral(comment)}`);
}
