import { GatehouseError } from '../../shared/errors.js';
import type { DefaultPrivilegeObject, Principal, Privilege } from '../../shared/model/catalog.js';
import { principal } from './names.js';
import { quoteIdent } from './quote.js';
import { refs, statement, type Statement } from './statement.js';

/** The privileges each object type of ALTER DEFAULT PRIVILEGES accepts. LARGE OBJECTS needs 18+. */
export const DEFAULT_PRIVILEGES_BY_OBJECT: Readonly<Record<DefaultPrivilegeObject, readonly Privilege[]>> = {
  tables: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER', 'MAINTAIN'],
  sequences: ['USAGE', 'SELECT', 'UPDATE'],
  functions: ['EXECUTE'],
  types: ['USAGE'],
  schemas: ['USAGE', 'CREATE'],
  large_objects: ['SELECT', 'UPDATE'],
};

const OBJECT_WORDS: Record<DefaultPrivilegeObject, string> = {
  tables: 'TABLES',
  sequences: 'SEQUENCES',
  functions: 'FUNCTIONS',
  types: 'TYPES',
  schemas: 'SCHEMAS',
  large_objects: 'LARGE OBJECTS',
};

export interface DefaultPrivilegeChange {
  /** FOR ROLE: whose future objects; absent = the current role. */
  readonly forRole?: string;
  /** IN SCHEMA: only objects created in this schema; absent/null = everywhere. */
  readonly inSchema?: string | null;
  readonly objectType: DefaultPrivilegeObject;
  readonly privileges: readonly Privilege[] | 'ALL';
  readonly grantees: readonly Principal[];
  /** Grant: WITH GRANT OPTION. Revoke: GRANT OPTION FOR. */
  readonly grantOption?: boolean;
  /** Revoke: CASCADE. */
  readonly cascade?: boolean;
}

function head(c: DefaultPrivilegeChange): string {
  if (c.inSchema != null && c.objectType === 'schemas')
    throw new GatehouseError('GH702', 'Default privileges on schemas cannot be limited to a schema.', {
      hint: 'Leave IN SCHEMA out for ON SCHEMAS.',
    });
  return (
    'ALTER DEFAULT PRIVILEGES' +
    (c.forRole !== undefined ? ` FOR ROLE ${quoteIdent(c.forRole)}` : '') +
    (c.inSchema != null ? ` IN SCHEMA ${quoteIdent(c.inSchema)}` : '')
  );
}

function privileges(c: DefaultPrivilegeChange): string {
  if (c.privileges === 'ALL') return 'ALL PRIVILEGES';
  const allowed = DEFAULT_PRIVILEGES_BY_OBJECT[c.objectType];
  if (c.privileges.length === 0)
    throw new GatehouseError('GH702', 'ALTER DEFAULT PRIVILEGES needs at least one privilege.');
  for (const p of c.privileges)
    if (!allowed.includes(p))
      throw new GatehouseError(
        'GH702',
        `${p} does not apply to ${OBJECT_WORDS[c.objectType].toLowerCase()}.`,
        {
          hint: `Choose among ${allowed.join(', ')}.`,
        },
      );
  return c.privileges.join(', ');
}

function grantees(list: readonly Principal[]): string {
  if (list.length === 0) throw new GatehouseError('GH702', 'ALTER DEFAULT PRIVILEGES needs a grantee.');
  return list.map(principal).join(', ');
}

const target = (c: DefaultPrivilegeChange) =>
  c.inSchema != null ? refs.schema(c.inSchema) : refs.role(c.forRole ?? 'CURRENT_USER');

/** ALTER DEFAULT PRIVILEGES [FOR ROLE r] [IN SCHEMA s] GRANT … ON TABLES|… TO … [WITH GRANT OPTION]. */
export function grantDefaultPrivileges(c: DefaultPrivilegeChange): Statement {
  const sql =
    `${head(c)} GRANT ${privileges(c)} ON ${OBJECT_WORDS[c.objectType]} TO ${grantees(c.grantees)}` +
    (c.grantOption === true ? ' WITH GRANT OPTION' : '');
  return statement('grant', target(c), sql);
}

/** ALTER DEFAULT PRIVILEGES [FOR ROLE r] [IN SCHEMA s] REVOKE [GRANT OPTION FOR] … FROM … [CASCADE]. */
export function revokeDefaultPrivileges(c: DefaultPrivilegeChange): Statement {
  const sql =
    `${head(c)} REVOKE ${c.grantOption === true ? 'GRANT OPTION FOR ' : ''}${privileges(c)}` +
    ` ON ${OBJECT_WORDS[c.objectType]} FROM ${grantees(c.grantees)}${c.cascade === true ? ' CASCADE' : ''}`;
  return statement('revoke', target(c), sql);
}
