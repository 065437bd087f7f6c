import type pg from 'pg';
import { GatehouseError } from '../../shared/errors.js';
import { CATALOG_FORMAT, type Catalog } from '../../shared/model/catalog.js';
import { assembleDependencies } from './assemble-dependencies.js';
import { assembleFunctions, assembleTypes } from './assemble-functions.js';
import { assembleDefaultPrivileges, assembleGrants, assemblePolicies } from './assemble-privileges.js';
import { assembleRelations, assembleSequences } from './assemble-relations.js';
import { assembleMemberships, assembleRoles, assembleRoleSettings } from './assemble-roles.js';
import { deepFreeze } from './deep-freeze.js';
import { ObjectRefs } from './object-refs.js';
import * as rows from './rows.js';
import { runCatalogQuery } from './run-query.js';
import { TypeRefs } from './type-refs.js';

export interface ReadCatalogOptions {
  /** Also read pg_catalog, information_schema and the toast/temp schemas (off by default). */
  readonly includeSystemSchemas?: boolean;
  /** Read only these schemas (after the system filter); all when absent. */
  readonly schemas?: readonly string[];
  /** Called after each query with its file, duration and row count (profiling, the benchmark). */
  readonly onQuery?: (file: string, ms: number, rows: number) => void;
}

/** The oldest server whose catalogs the queries understand (array_subscript_handler, pg_sequence…). */
export const MIN_SERVER_VERSION_NUM = 140000;

/** Runs the tasks one after another (node-postgres deprecates queueing queries on one client). */
async function inOrder<const T extends readonly (() => Promise<unknown>)[]>(
  tasks: T,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const results: unknown[] = [];
  for (const task of tasks) results.push(await task());
  return results as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
}

/**
 * Reads the whole catalog model in one REPEATABLE READ READ ONLY transaction, so every query sees the
 * same snapshot. Queries run one after another on the given client. The client must not be inside a
 * transaction; it is left outside one.
 */
export async function readCatalog(client: pg.ClientBase, options: ReadCatalogOptions = {}): Promise<Catalog> {
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // Expressions and definitions are rendered relative to search_path: an empty one schema-qualifies every
    // user object, so the model reads the same whatever the role's or database's search_path is.
    await client.query("SELECT pg_catalog.set_config('search_path', '', true)");
  } catch (error) {
    throw new GatehouseError('GH202', 'Could not start the catalog read transaction.', {
      details: error instanceof Error ? error.message : String(error),
      hint: 'Make sure the connection is not already inside a transaction and is still open.',
      cause: error,
    });
  }
  try {
    const catalog = await readInTransaction(client, options);
    await client.query('COMMIT');
    return catalog;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function readInTransaction(client: pg.ClientBase, options: ReadCatalogOptions): Promise<Catalog> {
  const q = async <T extends Parameters<typeof runCatalogQuery>[2]>(
    file: string,
    row: T,
    values?: unknown[],
  ) => {
    const started = performance.now();
    const result = await runCatalogQuery(client, file, row, values);
    options.onQuery?.(file, performance.now() - started, result.length);
    return result;
  };

  const serverRows = await q('server.sql', rows.serverRow);
  const schemaRows = await q('schemas.sql', rows.schemaRow);
  const server = serverRows[0];
  if (server === undefined) {
    throw new GatehouseError('GH202', 'The catalog query server.sql returned no row.', {
      hint: 'The current role is not visible in pg_roles; check that the connection is healthy.',
    });
  }
  if (server.version_num < MIN_SERVER_VERSION_NUM) {
    throw new GatehouseError('GH201', `PostgreSQL ${server.version} is not supported.`, {
      hint: 'Gatehouse reads PostgreSQL 14 and newer; upgrade the server or connect to a newer one.',
    });
  }
  const wanted = options.schemas ? new Set(options.schemas) : null;
  const included = schemaRows.filter(
    (s) => (options.includeSystemSchemas || !s.is_system) && (wanted === null || wanted.has(s.name)),
  );
  const excluded = schemaRows.filter((s) => !included.includes(s)).map((s) => s.name);
  const p = [included.map((s) => s.oid)];

  const [
    databaseRows,
    roleRows,
    passwordRows,
    membershipRows,
    roleSettingRows,
    extensionRows,
    relationRows,
    columnRows,
    constraintRows,
    indexRows,
    triggerRows,
    viewQueryRows,
    sequenceRows,
    functionRows,
    functionArgRows,
    typeNameRows,
    typeRows,
    domainConstraintRows,
    typeAttributeRows,
    grantRows,
    defaultPrivilegeRows,
    policyRows,
    dependencyRows,
    keywordRows,
  ] = await inOrder([
    () => q('database.sql', rows.databaseRow),
    () => q('roles.sql', rows.roleRow),
    () => (server.can_read_authid ? q('role-passwords.sql', rows.rolePasswordRow) : Promise.resolve(null)),
    () => q(server.version_num >= 160000 ? 'memberships-16.sql' : 'memberships-14.sql', rows.membershipRow),
    () => q('role-settings.sql', rows.roleSettingRow),
    () => q('extensions.sql', rows.extensionRow),
    () => q('relations.sql', rows.relationRow, p),
    () => q('columns.sql', rows.columnRow, p),
    () => q('constraints.sql', rows.constraintRow, p),
    () => q(server.version_num >= 150000 ? 'indexes.sql' : 'indexes-14.sql', rows.indexRow, p),
    () => q('triggers.sql', rows.triggerRow, p),
    () => q('view-queries.sql', rows.viewQueryRow, p),
    () => q('sequences.sql', rows.sequenceRow, p),
    () => q('functions.sql', rows.functionRow, p),
    () => q('function-args.sql', rows.functionArgRow, p),
    () => q('type-names.sql', rows.typeNameRow),
    () => q('types.sql', rows.typeRow, p),
    () => q('domain-constraints.sql', rows.domainConstraintRow, p),
    () => q('type-attributes.sql', rows.typeAttributeRow, p),
    () => q('grants.sql', rows.grantRow, p),
    () => q('default-privileges.sql', rows.defaultPrivilegeRow, p),
    () => q('policies.sql', rows.policyRow, p),
    () => q('dependencies.sql', rows.dependencyRow),
    () => q('keywords.sql', rows.keywordRow),
  ]);
  const database = databaseRows[0];
  if (database === undefined) {
    throw new GatehouseError('GH202', 'The catalog query database.sql returned no row.', {
      hint: 'The current database is not visible in pg_database; check that the connection is healthy.',
    });
  }

  const types = new TypeRefs(typeNameRows);
  const refs = new ObjectRefs({
    relations: relationRows,
    sequences: sequenceRows,
    schemas: included,
    functions: functionRows,
    types: typeRows,
    typeNames: typeNameRows,
    database,
  });
  const roles = assembleRoles(roleRows, passwordRows);

  const catalog: Catalog = {
    format: CATALOG_FORMAT,
    readAt: server.read_at,
    server: {
      version: server.version,
      versionNum: server.version_num,
      major: Math.floor(server.version_num / 10000),
      currentUser: server.current_user_name,
      sessionUser: server.session_user_name,
      currentDatabase: server.current_database,
      isSuperuser: server.is_superuser,
      bypassRls: server.bypass_rls,
      canReadPasswords: server.can_read_authid,
    },
    database: {
      oid: database.oid,
      name: database.name,
      owner: database.owner,
      encoding: database.encoding,
      collate: database.collate,
      ctype: database.ctype,
      comment: database.comment,
      connectionLimit: database.connection_limit,
      allowConnections: database.allow_connections,
    },
    excludedSchemas: excluded,
    roles,
    memberships: assembleMemberships(membershipRows),
    roleSettings: assembleRoleSettings(roleSettingRows),
    schemas: included.map((s) => ({
      oid: s.oid,
      name: s.name,
      owner: s.owner,
      comment: s.comment,
      extension: s.extension,
    })),
    extensions: extensionRows.map((e) => ({ ...e })),
    relations: assembleRelations(
      {
        relations: relationRows,
        columns: columnRows,
        constraints: constraintRows,
        indexes: indexRows,
        triggers: triggerRows,
        viewQueries: viewQueryRows,
        reservedWords: new Set(keywordRows.map((k) => k.word)),
      },
      types,
    ),
    sequences: assembleSequences(sequenceRows),
    functions: assembleFunctions(functionRows, functionArgRows, types),
    types: assembleTypes(typeRows, domainConstraintRows, typeAttributeRows, types),
    grants: assembleGrants(grantRows, refs, roles),
    defaultPrivileges: assembleDefaultPrivileges(defaultPrivilegeRows),
    policies: assemblePolicies(policyRows, roles),
    dependencies: assembleDependencies(dependencyRows, refs),
  };
  return deepFreeze(catalog);
}
