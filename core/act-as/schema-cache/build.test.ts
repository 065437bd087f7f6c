import { describe, expect, it } from 'vitest';
import { buildSchemaCache, type RawColumn, type RawRelation, type RawSchemaCache } from './build.js';
import type { SchemaCache } from './types.js';

const colsOf = (names: string[]): RawColumn[] =>
  names.map((name, i) => ({
    name,
    num: i + 1,
    type: 'integer',
    nominalType: 'integer',
    nullable: true,
    default: null,
  }));

function rel(
  oid: number,
  name: string,
  cols: string[],
  pk: string[],
  isView = false,
  schema = 'api',
): RawRelation {
  return {
    oid,
    schema,
    name,
    isView,
    insertable: !isView,
    updatable: !isView,
    deletable: !isView,
    pk,
    columns: colsOf(cols),
  };
}

// clients(id) <- projects(id, client_id); users(id); users_projects(user_id, project_id) junction (PK = both FKs);
// notes(id, project_id) with a non-PK FK pair that must NOT make a junction; views over projects and clients;
// private.audit(id, project_id) in a schema that is not exposed.
const raw: RawSchemaCache = {
  relations: [
    rel(1, 'clients', ['id'], ['id']),
    rel(2, 'projects', ['id', 'client_id'], ['id']),
    rel(3, 'users', ['id'], ['id']),
    rel(4, 'users_projects', ['user_id', 'project_id'], ['project_id', 'user_id']),
    rel(5, 'notes', ['id', 'project_id', 'user_id'], ['id']),
    rel(6, 'projects_view', ['pid', 'cid'], [], true),
    rel(7, 'clients_view', ['client'], [], true),
    rel(8, 'audit', ['id', 'project_id'], ['id'], false, 'private'),
  ],
  foreignKeys: [
    {
      name: 'projects_client_id_fkey',
      tableOid: 2,
      ftableOid: 1,
      columns: [['client_id', 'id']],
      oneToOne: false,
    },
    { name: 'up_user_fkey', tableOid: 4, ftableOid: 3, columns: [['user_id', 'id']], oneToOne: false },
    { name: 'up_project_fkey', tableOid: 4, ftableOid: 2, columns: [['project_id', 'id']], oneToOne: false },
    {
      name: 'notes_project_fkey',
      tableOid: 5,
      ftableOid: 2,
      columns: [['project_id', 'id']],
      oneToOne: false,
    },
    { name: 'notes_user_fkey', tableOid: 5, ftableOid: 3, columns: [['user_id', 'id']], oneToOne: false },
    {
      name: 'audit_project_fkey',
      tableOid: 8,
      ftableOid: 2,
      columns: [['project_id', 'id']],
      oneToOne: false,
    },
  ],
  viewSources: [
    { viewOid: 6, resno: 1, resname: 'pid', srcOid: 2, srcCol: 1 },
    { viewOid: 6, resno: 2, resname: 'cid', srcOid: 2, srcCol: 2 },
    { viewOid: 7, resno: 1, resname: 'client', srcOid: 1, srcCol: 1 },
  ],
  functions: [
    {
      oid: 100,
      schema: 'api',
      name: 'latest_project',
      params: [
        { name: '', type: 'api.clients', typeMaxLength: 'api.clients', required: true, variadic: false },
      ],
      retSchema: 'api',
      retName: 'projects',
      retSetof: true,
      retComposite: true,
      retRelation: true,
      volatility: 's',
      hasVariadic: false,
      rows: 1,
      nargs: 1,
      argRelOid: 1,
    },
  ],
};

function rels(sc: SchemaCache, origin: string): string[] {
  return (sc.relationships.get(`api\u0000${origin}`) ?? []).map((r) =>
    r.kind === 'computed'
      ? `${r.foreignTable.name} computed ${r.function.name} toOne=${r.toOne}`
      : r.cardinality.kind === 'M2M'
        ? `${r.foreignTable.name} M2M via ${r.cardinality.junction.table.name}`
        : `${r.foreignTable.name} ${r.cardinality.kind} ${r.cardinality.constraint} ${JSON.stringify(r.cardinality.columns)}`,
  );
}

describe('schema cache relationships', () => {
  const sc = buildSchemaCache(raw, ['api']);

  it('derives many-to-one, its one-to-many inverse and the same through views (table↔view, view↔view)', () => {
    expect(rels(sc, 'projects')).toEqual([
      'clients M2O projects_client_id_fkey [["client_id","id"]]',
      'clients_view M2O projects_client_id_fkey [["client_id","client"]]',
      'notes O2M notes_project_fkey [["id","project_id"]]',
      'users M2M via users_projects',
      'users_projects O2M up_project_fkey [["id","project_id"]]',
    ]);
    expect(rels(sc, 'projects_view')).toEqual([
      'clients M2O projects_client_id_fkey [["cid","id"]]',
      'clients_view M2O projects_client_id_fkey [["cid","client"]]',
      'notes O2M notes_project_fkey [["pid","project_id"]]',
      'users M2M via users_projects',
      'users_projects O2M up_project_fkey [["pid","project_id"]]',
    ]);
    expect(rels(sc, 'clients_view')).toEqual([
      'projects O2M projects_client_id_fkey [["client","client_id"]]',
      'projects_view O2M projects_client_id_fkey [["client","cid"]]',
    ]);
  });

  it('a junction needs both FKs inside its primary key', () => {
    expect(rels(sc, 'users')).toEqual([
      'notes O2M notes_user_fkey [["id","user_id"]]',
      'projects M2M via users_projects',
      'projects_view M2M via users_projects',
      'users_projects O2M up_user_fkey [["id","user_id"]]',
    ]);
  });

  it('computed relationships from functions taking a row and returning rows (ROWS 1 → to-one)', () => {
    expect(rels(sc, 'clients')).toContain('projects computed latest_project toOne=true');
  });

  it('hides relations and relationships of schemas that are not exposed', () => {
    expect(sc.tables.has('private\u0000audit')).toBe(false);
    expect(rels(sc, 'projects').some((r) => r.startsWith('audit'))).toBe(false);
  });

  it('follows a view over a view back to the base table', () => {
    const nested = buildSchemaCache(
      {
        ...raw,
        relations: [...raw.relations, rel(9, 'projects_view2', ['p', 'c'], [], true)],
        viewSources: [
          ...raw.viewSources,
          { viewOid: 9, resno: 1, resname: 'p', srcOid: 6, srcCol: 1 },
          { viewOid: 9, resno: 2, resname: 'c', srcOid: 6, srcCol: 2 },
        ],
      },
      ['api'],
    );
    expect(rels(nested, 'projects_view2')).toContain('clients M2O projects_client_id_fkey [["c","id"]]');
    expect(nested.tables.get('api\u0000projects_view2')?.pk).toEqual(['p']);
  });

  it('gives a view the primary key columns it exposes', () => {
    expect(sc.tables.get('api\u0000projects_view')?.pk).toEqual(['pid']);
    expect(sc.tables.get('api\u0000clients_view')?.pk).toEqual(['client']);
  });

  it('keeps functions callable by name, with an unnamed json parameter or none', () => {
    expect(sc.routines.size).toBe(0); // latest_project has an unnamed row-type parameter: not an RPC
  });
});
