import {
  CATALOG_FORMAT,
  type Catalog,
  type FunctionInfo,
  type Grant,
  type Membership,
  type Privilege,
  type Publication,
  type Relation,
  type Role,
  type TypeRef,
  type UserType,
} from '../catalog.js';

/** Tiny hand-made models for the unit tests of the privilege rules (the property test uses real servers). */

/** A built-in type (pg_catalog) as a column or argument refers to it. */
export function builtInType(name: string, formatted: string, oid: number): TypeRef {
  return { oid, schema: 'pg_catalog', name, formatted, kind: 'base', isArray: false, elementOid: null };
}

const INT = builtInType('int4', 'integer', 23);

/** A user type of the model, a base type unless `extra` says otherwise. */
export function userType(
  t: Pick<TypeRef, 'oid' | 'schema' | 'name'>,
  extra: Partial<UserType> = {},
): UserType {
  return {
    oid: t.oid,
    schema: t.schema,
    name: t.name,
    kind: 'base',
    owner: 'postgres',
    comment: null,
    arrayOid: null,
    labels: [],
    domain: null,
    attributes: [],
    rangeSubtype: null,
    extension: null,
    ...extra,
  };
}

export function role(name: string, extra: Partial<Role> = {}): Role {
  return {
    oid: 0,
    name,
    superuser: false,
    inherit: true,
    createRole: false,
    createDb: false,
    canLogin: false,
    replication: false,
    bypassRls: false,
    connectionLimit: -1,
    validUntil: null,
    hasPassword: null,
    isSystem: name.startsWith('pg_'),
    comment: null,
    settings: [],
    ...extra,
  };
}

/** `member` is granted `granted`; options default to PostgreSQL's (inherit from the member on ≤15). */
export function member(granted: string, memberName: string, extra: Partial<Membership> = {}): Membership {
  return {
    role: granted,
    member: memberName,
    grantor: 'postgres',
    admin: false,
    inherit: true,
    set: true,
    optionsFromServer: true,
    ...extra,
  };
}

export function table(
  schema: string,
  name: string,
  owner: string,
  columns: readonly string[] = ['id'],
): Relation {
  return {
    oid: 0,
    schema,
    name,
    kind: 'table',
    owner,
    comment: null,
    rlsEnabled: false,
    rlsForced: false,
    inherits: [],
    foreignTable: null,
    viewDefinition: null,
    checkOption: null,
    securityBarrier: false,
    securityInvoker: false,
    options: [],
    insertable: true,
    updatable: true,
    deletable: true,
    partitionOf: null,
    partitionBound: null,
    partitionKey: null,
    estimatedRows: null,
    rowTypeOid: 0,
    extension: null,
    columns: columns.map((c, i) => ({
      name: c,
      position: i + 1,
      type: INT,
      notNull: false,
      default: null,
      identity: null,
      generated: null,
      generation: null,
      collation: null,
      comment: null,
      source: null,
      origin: null,
    })),
    constraints: [],
    indexes: [],
    triggers: [],
  };
}

export function fn(
  schema: string,
  name: string,
  owner: string,
  kind: FunctionInfo['kind'] = 'function',
): FunctionInfo {
  return {
    oid: 0,
    schema,
    name,
    kind,
    identityArgs: '',
    argumentsText: '',
    args: [],
    returns: {
      type: INT,
      setOf: false,
      isComposite: false,
      isTable: false,
      relation: null,
      columns: [],
      text: 'integer',
    },
    volatility: 'volatile',
    securityDefiner: false,
    strict: false,
    leakproof: false,
    parallel: 'unsafe',
    language: 'sql',
    owner,
    comment: null,
    config: [],
    source: 'SELECT 1',
    cost: 100,
    rows: 0,
    extension: null,
  };
}

/** A publication of no member, publishing every action. */
export function publication(name: string, extra: Partial<Publication> = {}): Publication {
  return {
    oid: 1,
    name,
    owner: 'postgres',
    comment: null,
    allTables: false,
    publish: ['insert', 'update', 'delete', 'truncate'],
    viaPartitionRoot: false,
    tables: [],
    schemas: [],
    ...extra,
  };
}

/**
 * A grant: `on` is `schema.table`, `schema.table.column`, `schema:name`, `function schema.name`, `language name`
 * or `database`.
 */
export function grant(on: string, grantee: string, privilege: Privilege, grantable = false): Grant {
  const [kind, rest] = on.includes(' ') ? (on.split(' ') as [string, string]) : ['', on];
  const parts = rest.split('.');
  const object: Grant['object'] =
    kind === 'function'
      ? { kind: 'function', schema: parts[0]!, name: parts[1]!, args: '' }
      : kind === 'language'
        ? { kind: 'language', schema: null, name: rest }
        : rest === 'database'
          ? { kind: 'database', schema: null, name: 'db' }
          : rest.startsWith('schema:')
            ? { kind: 'schema', schema: null, name: rest.slice(7) }
            : parts.length === 3
              ? { kind: 'column', schema: parts[0]!, name: parts[1]!, member: parts[2]! }
              : { kind: 'relation', schema: parts[0]!, name: parts[1]! };
  return {
    object,
    grantee: grantee === 'PUBLIC' ? { kind: 'public' } : { kind: 'role', name: grantee },
    privilege,
    grantor: 'postgres',
    grantable,
    implicit: false,
  };
}

export function smallCatalog(parts: {
  major?: number;
  roles: readonly Role[];
  memberships?: readonly Membership[];
  relations?: readonly Relation[];
  functions?: readonly FunctionInfo[];
  schemas?: readonly string[];
  grants?: readonly Grant[];
  databaseOwner?: string;
}): Catalog {
  const major = parts.major ?? 18;
  return {
    format: CATALOG_FORMAT,
    readAt: '2026-01-01T00:00:00Z',
    server: {
      version: `${major}.0`,
      versionNum: major * 10000,
      major,
      currentUser: 'postgres',
      sessionUser: 'postgres',
      currentDatabase: 'db',
      isSuperuser: true,
      bypassRls: true,
      canReadPasswords: true,
    },
    database: {
      oid: 1,
      name: 'db',
      owner: parts.databaseOwner ?? 'postgres',
      encoding: 'UTF8',
      collate: null,
      ctype: null,
      comment: null,
      connectionLimit: -1,
      allowConnections: true,
    },
    excludedSchemas: [],
    roles: [role('postgres', { superuser: true, canLogin: true }), role('pg_database_owner'), ...parts.roles],
    memberships: parts.memberships ?? [],
    roleSettings: [],
    schemas: (parts.schemas ?? ['api']).map((name) => ({
      oid: 0,
      name,
      owner: 'postgres',
      comment: null,
      extension: null,
    })),
    extensions: [],
    relations: parts.relations ?? [],
    sequences: [],
    functions: parts.functions ?? [],
    types: [],
    grants: parts.grants ?? [],
    defaultPrivileges: [],
    policies: [],
    dependencies: [],
  };
}
