import { GatehouseError } from '../../shared/errors.js';
import { CATALOG_FORMAT, type Catalog } from '../../shared/model/catalog.js';
import { assembleCasts } from './assemble-casts.js';
import { assembleCollations } from './assemble-collations.js';
import { withRangeOptions } from './assemble-range-options.js';
import { assembleStatistics, withIndexStatistics } from './assemble-statistics.js';
import { assembleEventTriggers } from './assemble-event-triggers.js';
import { assemblePublications } from './assemble-publications.js';
import { withRules } from './assemble-rules.js';
import { assembleDependencies } from './assemble-dependencies.js';
import { assembleFunctions, assembleTypes } from './assemble-functions.js';
import { assembleDefaultPrivileges, assembleGrants, assemblePolicies } from './assemble-privileges.js';
import { assembleRelations, assembleSequences } from './assemble-relations.js';
import { assembleMemberships, assembleRoles, assembleRoleSettings } from './assemble-roles.js';
import { deepFreeze } from './deep-freeze.js';
import { ObjectRefs } from './object-refs.js';
import { includedSchemas, type ReadCatalogOptions } from './read-catalog.js';
import * as rows from './rows.js';
import { checkCatalogRow, checkCatalogRows } from './run-query.js';
import { TypeRefs } from './type-refs.js';
import type { SplitPipeline } from './query-pipeline.js';

// read-catalog.ts checks the fingerprints with their row schema from here, once this module is in.
export { rows };

/** What readCatalog had before the pipeline: server.sql's row and schemas.sql's, unchecked, and its options. */
export interface Started {
  readonly server: Record<string, unknown>;
  readonly schemaRows: readonly Record<string, unknown>[];
  readonly options: ReadCatalogOptions;
}

/**
 * The catalog model from the queries readCatalog sent (core/catalog/read-catalog.ts), taken in their order
 * and assembled as they come in: the server works on the later ones meanwhile.
 */
export async function assembleCatalog(pipeline: SplitPipeline, started: Started): Promise<Catalog> {
  const server = checkCatalogRow('server.sql', rows.serverRow, started.server);
  const schemaRows = checkCatalogRows('schemas.sql', rows.schemaRow, started.schemaRows);
  const included = includedSchemas(schemaRows, started.options);
  const excluded = schemaRows.filter((s) => !included.includes(s)).map((s) => s.name);
  const versionNum = server.version_num;
  // Every query is on its way (or goes the moment the one before it is in): assembly runs while the servers work.
  const database = (await pipeline.take('database.sql', rows.databaseRow))[0];
  if (database === undefined) {
    throw new GatehouseError('GH202', 'The catalog query database.sql returned no row.', {
      hint: 'The current database is not visible in pg_database; check that the connection is healthy.',
    });
  }
  const roleRows = await pipeline.take('roles.sql', rows.roleRow);
  const passwordRows = server.can_read_authid
    ? await pipeline.take('role-passwords.sql', rows.rolePasswordRow)
    : null;
  const roles = assembleRoles(roleRows, passwordRows);
  const memberships = assembleMemberships(
    await pipeline.take(
      versionNum >= 160000 ? 'memberships-16.sql' : 'memberships-14.sql',
      rows.membershipRow,
    ),
  );
  const roleSettings = assembleRoleSettings(await pipeline.take('role-settings.sql', rows.roleSettingRow));
  const extensions = (await pipeline.take('extensions.sql', rows.extensionRow)).map(
    ({ update_targets, ...e }) => ({
      ...e,
      ...(update_targets !== null ? { updateTargets: update_targets } : {}),
    }),
  );
  const typeNameRows = await pipeline.take('type-names.sql', rows.typeNameRow);
  const types = new TypeRefs(typeNameRows);
  const keywordRows = await pipeline.take('keywords.sql', rows.keywordRow);
  const relationRows = await pipeline.take('relations.sql', rows.relationRow);
  const columnRows = await pipeline.take('columns.sql', rows.columnRow);
  const notNullRows =
    versionNum >= 180000 ? await pipeline.take('not-null-constraints.sql', rows.notNullConstraintRow) : [];
  const constraintRows = await pipeline.take('constraints.sql', rows.constraintRow);
  const indexRows = await pipeline.take(
    versionNum >= 150000 ? 'indexes.sql' : 'indexes-14.sql',
    rows.indexRow,
  );
  const triggerRows = await pipeline.take('triggers.sql', rows.triggerRow);
  const viewQueryRows = await pipeline.take('view-queries.sql', rows.viewQueryRow);
  const relations = assembleRelations(
    {
      relations: relationRows,
      columns: columnRows,
      constraints: constraintRows,
      indexes: indexRows,
      triggers: triggerRows,
      viewQueries: viewQueryRows,
      notNulls: notNullRows,
      reservedWords: new Set(keywordRows.map((k) => k.word)),
    },
    types,
  );
  const sequenceRows = await pipeline.take('sequences.sql', rows.sequenceRow);
  const functionRows = await pipeline.take('functions.sql', rows.functionRow);
  const functions = assembleFunctions(
    functionRows,
    await pipeline.take('function-args.sql', rows.functionArgRow),
    types,
    await pipeline.take('aggregates.sql', rows.aggregateRow),
  );
  const typeRows = await pipeline.take('types.sql', rows.typeRow);
  const domainConstraintRows = await pipeline.take('domain-constraints.sql', rows.domainConstraintRow);
  const typeAttributeRows = await pipeline.take('type-attributes.sql', rows.typeAttributeRow);
  // Before the dependencies: their edges to collations are resolved by OID.
  const collationRows = await pipeline.take('collations.sql', rows.collationRow);
  const collations = assembleCollations(collationRows);
  // Before the grants: their USAGE grants are resolved by OID.
  const languageRows = await pipeline.take('languages.sql', rows.languageRow);
  const refs = new ObjectRefs({
    relations: relationRows,
    sequences: sequenceRows,
    schemas: included,
    functions: functionRows,
    types: typeRows,
    typeNames: typeNameRows,
    collations: collationRows,
    languages: languageRows,
    database,
  });
  const userTypes = assembleTypes(typeRows, domainConstraintRows, typeAttributeRows, types);
  const grants = assembleGrants(await pipeline.take('grants.sql', rows.grantRow), refs, roles);
  // A column's name from the assembled relation (columns in attnum order: without dropped columns the
  // attnum is the index plus one), so no map per relation is built for the lookup.
  const relationByOid = new Map(relations.map((r) => [r.oid, r]));
  const columnName = (rel: number, attnum: number): string | undefined => {
    const columns = relationByOid.get(rel)?.columns;
    if (columns === undefined) return undefined;
    const guess = columns[attnum - 1];
    if (guess !== undefined && guess.position === attnum) return guess.name;
    return columns.find((c) => c.position === attnum)?.name;
  };
  const dependencies = assembleDependencies(
    await pipeline.take('dependencies.sql', rows.dependencyRow),
    refs,
    columnName,
  );
  const defaultPrivileges = assembleDefaultPrivileges(
    await pipeline.take('default-privileges.sql', rows.defaultPrivilegeRow),
  );
  const policies = assemblePolicies(await pipeline.take('policies.sql', rows.policyRow), roles);
  const casts = assembleCasts(await pipeline.take('casts.sql', rows.castRow));
  const eventTriggers = assembleEventTriggers(
    await pipeline.take('event-triggers.sql', rows.eventTriggerRow),
  );
  const statistics = assembleStatistics(await pipeline.take('statistics.sql', rows.statisticsRow));
  const rangeOptions = await pipeline.take('range-options.sql', rows.rangeOptionRow);
  const indexStatistics = await pipeline.take('index-statistics.sql', rows.indexStatisticsRow);
  const ruleRows = await pipeline.take('rules.sql', rows.ruleRow);
  const publications = assemblePublications(
    await pipeline.take('publications.sql', rows.publicationRow),
    await pipeline.take(
      versionNum >= 150000 ? 'publication-tables.sql' : 'publication-tables-14.sql',
      rows.publicationTableRow,
    ),
    versionNum >= 150000 ? await pipeline.take('publication-schemas.sql', rows.publicationSchemaRow) : [],
  );

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
    memberships,
    roleSettings,
    schemas: included.map((s) => ({
      oid: s.oid,
      name: s.name,
      owner: s.owner,
      comment: s.comment,
      extension: s.extension,
    })),
    extensions,
    relations: withRules(withIndexStatistics(relations, indexStatistics), ruleRows),
    sequences: assembleSequences(sequenceRows),
    functions,
    types: withRangeOptions(userTypes, rangeOptions),
    grants,
    defaultPrivileges,
    policies,
    dependencies,
    casts,
    eventTriggers,
    collations,
    statistics,
    publications,
    languages: languageRows.map((l) => ({
      oid: l.oid,
      name: l.name,
      owner: l.owner,
      trusted: l.trusted,
      extension: l.extension,
    })),
  };
  return deepFreeze(catalog);
}
