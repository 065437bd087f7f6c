import { GatehouseError } from '../../shared/errors.js';
import type { Role } from '../../shared/model/catalog.js';
import { quoteIdent, quoteLiteral, quoteNullableLiteral } from './quote.js';
import { settingAssignment, settingName } from './settings.js';
import { refs, statement, type Statement } from './statement.js';

/** The attributes CREATE ROLE / ALTER ROLE set; absent ones keep PostgreSQL's default (or the current value). */
export type RoleAttributes = Partial<
  Pick<
    Role,
    | 'superuser'
    | 'inherit'
    | 'createRole'
    | 'createDb'
    | 'canLogin'
    | 'replication'
    | 'bypassRls'
    | 'connectionLimit'
    | 'validUntil'
  >
> & {
  /**
   * A password (or a SCRAM-SHA-256 verifier computed client-side), written as a literal: the statement's
   * `redacted` form shows `'********'` instead, so change sets and histories never log it. null: PASSWORD NULL.
   */
  readonly password?: string | null;
};

const FLAGS: readonly [keyof RoleAttributes, string, string][] = [
  ['superuser', 'SUPERUSER', 'NOSUPERUSER'],
  ['createDb', 'CREATEDB', 'NOCREATEDB'],
  ['createRole', 'CREATEROLE', 'NOCREATEROLE'],
  ['inherit', 'INHERIT', 'NOINHERIT'],
  ['canLogin', 'LOGIN', 'NOLOGIN'],
  ['replication', 'REPLICATION', 'NOREPLICATION'],
  ['bypassRls', 'BYPASSRLS', 'NOBYPASSRLS'],
];

const REDACTED = "'********'";

/** The option list and its redacted twin (they differ only in the password). */
function options(a: RoleAttributes): { sql: string; redacted: string | undefined } {
  const parts: string[] = [];
  for (const [key, on, off] of FLAGS) {
    const v = a[key];
    if (v !== undefined) parts.push(v === true ? on : off);
  }
  if (a.connectionLimit !== undefined) {
    if (!Number.isInteger(a.connectionLimit) || a.connectionLimit < -1)
      throw new GatehouseError('GH702', `A connection limit must be an integer of -1 or more.`, {
        details: String(a.connectionLimit),
        hint: 'Use -1 for no limit.',
      });
    parts.push(`CONNECTION LIMIT ${a.connectionLimit}`);
  }
  if (a.validUntil !== undefined) parts.push(`VALID UNTIL ${quoteLiteral(a.validUntil ?? 'infinity')}`);
  const plain = parts.join(' ');
  if (a.password === undefined) return { sql: plain, redacted: undefined };
  const join = (pw: string) => [plain, `PASSWORD ${pw}`].filter(Boolean).join(' ');
  return a.password === null
    ? { sql: join('NULL'), redacted: undefined }
    : { sql: join(quoteLiteral(a.password)), redacted: join(REDACTED) };
}

/** CREATE ROLE name [WITH options]. */
export function createRole(name: string, attributes: RoleAttributes = {}): Statement {
  const o = options(attributes);
  const head = `CREATE ROLE ${quoteIdent(name)}`;
  const withOpts = (s: string) => (s === '' ? head : `${head} WITH ${s}`);
  return statement('create', refs.role(name), withOpts(o.sql), {
    ...(o.redacted !== undefined ? { redacted: withOpts(o.redacted) } : {}),
  });
}

/** ALTER ROLE name WITH options (only the given attributes change). */
export function alterRole(name: string, attributes: RoleAttributes): Statement {
  const o = options(attributes);
  if (o.sql === '')
    throw new GatehouseError('GH702', 'ALTER ROLE needs at least one attribute to change.', {
      details: name,
    });
  const head = `ALTER ROLE ${quoteIdent(name)} WITH `;
  return statement('alter', refs.role(name), head + o.sql, {
    ...(o.redacted !== undefined ? { redacted: head + o.redacted } : {}),
  });
}

export function renameRole(name: string, newName: string): Statement {
  return statement(
    'rename',
    refs.role(name),
    `ALTER ROLE ${quoteIdent(name)} RENAME TO ${quoteIdent(newName)}`,
  );
}

export function dropRole(name: string, options: { ifExists?: boolean } = {}): Statement {
  return statement(
    'drop',
    refs.role(name),
    `DROP ROLE ${options.ifExists === true ? 'IF EXISTS ' : ''}${quoteIdent(name)}`,
  );
}

export function commentOnRole(name: string, comment: string | null): Statement {
  return statement(
    'comment',
    refs.role(name),
    `COMMENT ON ROLE ${quoteIdent(name)} IS ${quoteNullableLiteral(comment)}`,
  );
}

/**
 * ALTER ROLE name [IN DATABASE db] SET setting TO value, or RESET setting when value is null. `value` is the text
 * as PostgreSQL stores it (pg_db_role_setting), e.g. `api, public` for search_path.
 */
export function setRoleSetting(
  role: string,
  database: string | null,
  setting: string,
  value: string | null,
): Statement {
  const inDb = database === null ? '' : ` IN DATABASE ${quoteIdent(database)}`;
  const change =
    value === null ? `RESET ${settingName(setting)}` : `SET ${settingAssignment(setting, value)}`;
  return statement('alter', refs.role(role), `ALTER ROLE ${quoteIdent(role)}${inDb} ${change}`);
}

/** ALTER DATABASE db SET setting TO value (RESET when null): the settings of every role in that database. */
export function setDatabaseSetting(database: string, setting: string, value: string | null): Statement {
  const change =
    value === null ? `RESET ${settingName(setting)}` : `SET ${settingAssignment(setting, value)}`;
  return statement('alter', refs.database(database), `ALTER DATABASE ${quoteIdent(database)} ${change}`);
}

/** REASSIGN OWNED BY role TO newOwner: what a role owns in the current database passes to another. */
export function reassignOwned(role: string, newOwner: string): Statement {
  return statement(
    'alter',
    refs.role(role),
    `REASSIGN OWNED BY ${quoteIdent(role)} TO ${quoteIdent(newOwner)}`,
  );
}

/** DROP OWNED BY role: drops what it owns in the current database and revokes what it was granted there. */
export function dropOwned(role: string, options: { cascade?: boolean } = {}): Statement {
  return statement(
    'drop',
    refs.role(role),
    `DROP OWNED BY ${quoteIdent(role)}${options.cascade === true ? ' CASCADE' : ''}`,
  );
}
