import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/model/catalog.js';
import { assembleGrants } from './assemble-privileges.js';
import { ObjectRefs } from './object-refs.js';
import type { RelationRow } from './rows.js';

const role = (oid: number, name: string) => ({ oid, name }) as Role;
const relation = (oid: number, name: string) =>
  ({ oid, schema: 'api', name, row_type_oid: oid + 1 }) as RelationRow;

const refs = new ObjectRefs({
  relations: [relation(100, 'b_table'), relation(200, 'a_table')],
  sequences: [],
  schemas: [],
  functions: [],
  types: [],
  typeNames: [],
  collations: [],
  languages: [{ oid: 13563, name: 'plpgsql', owner: 'owner', trusted: true, extension: 'plpgsql' }],
  database: { oid: 1, name: 'db' },
});
const roles = [role(10, 'owner'), role(20, 'zed'), role(30, 'amy')];

describe('assembleGrants', () => {
  it('reads aclitem[] text, names roles, puts PUBLIC first and orders objects and grants', () => {
    const grants = assembleGrants(
      [
        {
          kind: 'relation',
          oid: 100,
          column_name: null,
          implicit: false,
          acl: '{zed=r/owner,=r/owner,amy=w*/owner}',
        },
        { kind: 'relation', oid: 200, column_name: null, implicit: true, acl: '{owner=r/owner}' },
        { kind: 'column', oid: 100, column_name: 'x', implicit: false, acl: '{amy=r/owner}' },
        { kind: 'relation', oid: 999, column_name: null, implicit: false, acl: '{owner=r/owner}' },
      ],
      refs,
      roles,
    );
    expect(
      grants.map((g) => [g.object.kind, g.object.name, g.object.member, g.grantee, g.privilege, g.grantable]),
    ).toEqual([
      ['column', 'b_table', 'x', { kind: 'role', name: 'amy' }, 'SELECT', false],
      ['relation', 'a_table', undefined, { kind: 'role', name: 'owner' }, 'SELECT', false],
      ['relation', 'b_table', undefined, { kind: 'public' }, 'SELECT', false],
      ['relation', 'b_table', undefined, { kind: 'role', name: 'amy' }, 'UPDATE', true],
      ['relation', 'b_table', undefined, { kind: 'role', name: 'zed' }, 'SELECT', false],
    ]);
    expect(grants[1]?.implicit).toBe(true);
    expect(grants.every((g) => g.grantor === 'owner')).toBe(true);
  });

  it('reads a language’s USAGE, the NULL ACL’s defaults marked implicit', () => {
    const grants = assembleGrants(
      [{ kind: 'language', oid: 13563, column_name: null, implicit: true, acl: '{=U/owner,owner=U/owner}' }],
      refs,
      roles,
    );
    expect(grants.map((g) => [g.object, g.grantee, g.privilege, g.implicit])).toEqual([
      [{ kind: 'language', schema: null, name: 'plpgsql' }, { kind: 'public' }, 'USAGE', true],
      [{ kind: 'language', schema: null, name: 'plpgsql' }, { kind: 'role', name: 'owner' }, 'USAGE', true],
    ]);
  });

  it('refuses a privilege it does not know with GH202', () => {
    expect(() =>
      assembleGrants(
        [{ kind: 'relation', oid: 100, column_name: null, implicit: false, acl: '{=rs/owner}' }],
        refs,
        roles,
      ),
    ).toThrow(expect.objectContaining({ code: 'GH202' }));
  });
});
