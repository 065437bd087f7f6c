import { describe, expect, it } from 'vitest';
import { fn, grant, member, role, smallCatalog, table } from '../model/testing/small-catalog.js';
import { catalogIndex } from '../model/catalog-index.js';
import { cellChanges, matrixColumns, matrixRows, MatrixCells } from './matrix.js';
import { newObjectGrants } from './default-preview.js';

const model = () =>
  smallCatalog({
    roles: [
      role('authenticator', { canLogin: true, inherit: false }),
      role('anon'),
      role('app_user'),
      role('admin'),
      role('owner'),
    ],
    memberships: [
      member('anon', 'authenticator'),
      member('app_user', 'authenticator'),
      member('app_user', 'admin'),
    ],
    relations: [table('api', 'members', 'owner', ['id', 'name', 'secret'])],
    functions: [fn('api', 'hello', 'owner')],
    grants: [
      grant('api.members', 'app_user', 'SELECT', true),
      grant('api.members.name', 'anon', 'SELECT'),
      grant('function api.hello', 'PUBLIC', 'EXECUTE'),
      grant('schema:api', 'anon', 'USAGE'),
    ],
  });

describe('grants matrix', () => {
  it('rows: schema, table, granted columns under it, functions flagged for PUBLIC EXECUTE', () => {
    const rows = matrixRows(model());
    expect(rows.map((r) => `${r.kind} ${r.label}`)).toEqual([
      'schema api',
      'table api.members',
      'column name',
      'function api.hello()',
    ]);
    expect(rows.find((r) => r.kind === 'function')?.publicExecute).toBe(true);
    expect(matrixRows(model(), { columns: true }).filter((r) => r.kind === 'column')).toHaveLength(3);
    expect(matrixRows(model(), { search: 'hello' }).map((r) => r.label)).toEqual(['api.hello()']);
  });

  it('columns: db-anon-role and request roles first even with nothing held, PUBLIC last', () => {
    const cols = matrixColumns(model(), { anonRole: 'anon', schemas: ['api'] }, []);
    expect(cols.map((c) => `${c.role}:${c.pinned ?? ''}`)).toEqual([
      'anon:anon',
      'app_user:request',
      'PUBLIC:',
    ]);
  });

  it('cells: direct with grant option, inherited via, PUBLIC, column-level', () => {
    const index = catalogIndex(model());
    const cells = new MatrixCells(index);
    const rows = matrixRows(index);
    const cols = matrixColumns(index, { anonRole: 'anon', schemas: ['api'] });
    const at = (label: string, roleName: string, privilege: string) =>
      cells
        .cell(
          rows.find((r) => r.label === label)!,
          cols.find((c) => c.role === roleName)!,
        )
        .find((p) => p.privilege === privilege)!;
    expect(at('api.members', 'app_user', 'SELECT')).toMatchObject({
      direct: true,
      held: { source: 'direct', grantable: true },
    });
    expect(at('api.members', 'admin', 'SELECT')).toMatchObject({
      direct: false,
      held: { source: 'inherited', via: 'app_user' },
    });
    expect(at('api.members', 'anon', 'SELECT').held).toBeNull();
    expect(at('name', 'anon', 'SELECT')).toMatchObject({ direct: true, held: { column: 'name' } });
    expect(at('name', 'app_user', 'SELECT')).toMatchObject({ direct: false, held: { source: 'direct' } }); // via the table
    expect(at('api.hello()', 'anon', 'EXECUTE')).toMatchObject({ held: { source: 'public', via: 'PUBLIC' } });
    expect(at('api.hello()', 'PUBLIC', 'EXECUTE')).toMatchObject({ direct: true });
  });

  it('edits: a rectangle grants what applies to each kind; a revoke only takes away direct grants', () => {
    const index = catalogIndex(model());
    const cells = new MatrixCells(index);
    const rows = matrixRows(index);
    const cols = matrixColumns(index, { anonRole: 'anon', schemas: ['api'] }, ['admin']);
    const area = rows.flatMap((row) => cols.slice(0, 2).map((column) => ({ row, column })));
    const grants = cellChanges(cells, area, ['SELECT', 'USAGE'], 'grant');
    expect(grants).toContainEqual({
      type: 'grant',
      object: { kind: 'schema', schema: null, name: 'api' },
      privileges: ['USAGE'],
      grantee: { kind: 'role', name: 'anon' },
    });
    expect(grants).toContainEqual({
      type: 'grant',
      object: { kind: 'relation', schema: 'api', name: 'members' },
      column: 'name',
      privileges: ['SELECT'],
      grantee: { kind: 'role', name: 'app_user' },
    });
    expect(grants.some((g) => g.type === 'grant' && g.object.kind === 'function')).toBe(false);
    const revokes = cellChanges(cells, area, ['SELECT', 'USAGE'], 'revoke');
    expect(
      revokes.map((r) =>
        r.type === 'revoke'
          ? `${r.object.name}${r.column ?? ''}:${r.grantee.kind === 'role' ? r.grantee.name : 'PUBLIC'}`
          : '',
      ),
    ).toEqual(['api:anon', 'members:app_user', 'membersname:anon']);
  });

  it('default privileges preview: the built-in default, replaced by a global entry, added to per schema', () => {
    const c = model();
    expect(
      newObjectGrants(c, 'owner', 'api', 'functions').map(
        (g) => `${g.grantee.kind === 'public' ? 'PUBLIC' : g.grantee.name}:${g.privilege}:${g.from}`,
      ),
    ).toEqual(['owner:EXECUTE:builtin', 'PUBLIC:EXECUTE:builtin']);
    const withDefaults = {
      ...c,
      defaultPrivileges: [
        {
          role: 'owner',
          schema: null,
          objectType: 'functions' as const,
          grants: [
            {
              grantee: { kind: 'role' as const, name: 'owner' },
              privilege: 'EXECUTE' as const,
              grantor: 'owner',
              grantable: true,
            },
          ],
        },
        {
          role: 'owner',
          schema: 'api',
          objectType: 'functions' as const,
          grants: [
            {
              grantee: { kind: 'role' as const, name: 'anon' },
              privilege: 'EXECUTE' as const,
              grantor: 'owner',
              grantable: false,
            },
          ],
        },
      ],
    };
    expect(
      newObjectGrants(withDefaults, 'owner', 'api', 'functions').map(
        (g) => `${g.grantee.kind === 'public' ? 'PUBLIC' : g.grantee.name}:${g.from}`,
      ),
    ).toEqual(['owner:global', 'anon:schema']);
  });
});
