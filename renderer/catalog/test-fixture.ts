import {
  catalogSchema,
  type Catalog,
  type Column,
  type Grant,
  type Policy,
  type Relation,
  type TypeRef,
} from '../../shared/model/catalog.js';

/** A small catalog for component tests: api.todos (RLS forced), api.profiles (RLS off), a view and a function. */
const type = (name: string, formatted = name): TypeRef => ({
  oid: 23,
  schema: 'pg_catalog',
  name,
  formatted,
  kind: 'base',
  isArray: false,
  elementOid: null,
});

const column = (name: string, position: number, t: TypeRef, extra: Partial<Column> = {}): Column => ({
  name,
  position,
  type: t,
  notNull: false,
  default: null,
  identity: null,
  generated: null,
  generation: null,
  collation: null,
  comment: null,
  source: null,
  origin: null,
  ...extra,
});

const relation = (schema: string, name: string, extra: Partial<Relation> = {}): Relation => ({
  oid: 1000 + name.length,
  schema,
  name,
  kind: 'table',
  owner: 'app_owner',
  comment: null,
  rlsEnabled: false,
  rlsForced: false,
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
  inherits: [],
  foreignTable: null,
  estimatedRows: null,
  rowTypeOid: 2000,
  extension: null,
  columns: [],
  constraints: [],
  indexes: [],
  triggers: [],
  ...extra,
});

const grant = (
  object: Grant['object'],
  grantee: string,
  privilege: Grant['privilege'],
  extra: Partial<Grant> = {},
): Grant => ({
  object,
  grantee: grantee === 'PUBLIC' ? { kind: 'public' } : { kind: 'role', name: grantee },
  privilege,
  grantor: 'app_owner',
  grantable: false,
  implicit: false,
  ...extra,
});

const todosRef = { kind: 'relation', schema: 'api', name: 'todos' } as const;
const col = (c: string) => ({ kind: 'column', schema: 'api', name: 'todos', member: c }) as const;

const policy: Policy = {
  schema: 'api',
  table: 'todos',
  name: 'todos_owner',
  permissive: true,
  command: 'ALL',
  roles: [{ kind: 'role', name: 'authenticated' }],
  using: "(owner_id = (current_setting('request.jwt.claims'::text, true))::json ->> 'sub'::text)",
  withCheck: null,
  comment: null,
};

export function fixtureCatalog(): Catalog {
  return catalogSchema.parse({
    format: 1,
    readAt: '2026-01-01T00:00:00Z',
    server: {
      version: '18.1',
      versionNum: 180001,
      major: 18,
      currentUser: 'app_owner',
      sessionUser: 'app_owner',
      currentDatabase: 'demo',
      isSuperuser: false,
      bypassRls: false,
      canReadPasswords: false,
    },
    database: {
      oid: 1,
      name: 'demo',
      owner: 'app_owner',
      encoding: 'UTF8',
      collate: null,
      ctype: null,
      comment: null,
      connectionLimit: -1,
      allowConnections: true,
    },
    excludedSchemas: ['pg_catalog', 'information_schema'],
    roles: [],
    memberships: [],
    roleSettings: [],
    schemas: [
      { oid: 10, name: 'api', owner: 'app_owner', comment: null, extension: null },
      { oid: 11, name: 'private', owner: 'app_owner', comment: null, extension: null },
    ],
    extensions: [],
    relations: [
      relation('api', 'profiles', { columns: [column('id', 1, type('int4', 'integer'), { notNull: true })] }),
      relation('api', 'todos', {
        rlsEnabled: true,
        rlsForced: true,
        comment: 'Things to do.',
        columns: [
          column('id', 1, type('int8', 'bigint'), { notNull: true, identity: 'always' }),
          column('title', 2, type('text'), { notNull: true }),
          column('done', 3, type('bool', 'boolean'), { default: 'false', notNull: true }),
          column('owner_id', 4, type('text')),
        ],
        constraints: [
          {
            name: 'todos_pkey',
            kind: 'primary_key',
            columns: ['id'],
            definition: 'PRIMARY KEY (id)',
            foreignKey: null,
            deferrable: false,
            deferred: false,
            validated: true,
            index: 'todos_pkey',
            inherited: false,
            comment: null,
          },
        ],
      }),
      relation('api', 'open_todos', {
        kind: 'view',
        viewDefinition: ' SELECT id, title FROM api.todos WHERE NOT done;',
      }),
      relation('private', 'secrets', { columns: [column('value', 1, type('text'))] }),
    ],
    sequences: [],
    functions: [],
    types: [],
    grants: [
      grant(todosRef, 'app_owner', 'SELECT', { implicit: true, grantable: true }),
      grant(todosRef, 'authenticated', 'SELECT'),
      grant(todosRef, 'authenticated', 'INSERT'),
      grant(todosRef, 'anon', 'SELECT'),
      grant(col('title'), 'authenticated', 'UPDATE'),
      grant(col('done'), 'authenticated', 'UPDATE'),
      grant(col('title'), 'web_reader', 'REFERENCES'),
    ],
    defaultPrivileges: [],
    policies: [policy],
    dependencies: [],
  });
}
