import { describe, expect, it } from 'vitest';
import { readAclItem, readAclText, type AclItem } from './acl-text.js';

const read = (text: string): AclItem[] => {
  const items: AclItem[] = [];
  readAclText(text, (i) => items.push(i));
  return items;
};

describe('readAclText', () => {
  it('reads plain items, PUBLIC and grant options', () => {
    expect(read('{owner=arwdDxtm/owner,=r/owner,amy=r*w/owner}')).toEqual([
      { grantee: 'owner', privileges: 'arwdDxtm', grantor: 'owner' },
      { grantee: null, privileges: 'r', grantor: 'owner' },
      { grantee: 'amy', privileges: 'r*w', grantor: 'owner' },
    ]);
    expect(read('{}')).toEqual([]);
  });

  it('undoes array_out quoting around names aclitemout quoted (texts printed by PostgreSQL 18)', () => {
    const table = String.raw`{postgres=arwdDxtm/postgres,"\"a \"\"b\"\"\"=r/postgres","\"x y\"=r*/postgres","\"ünï\"=r/\"x y\"","\"a=b/c\"=r/\"x y\"","\"{}\"=r/\"x y\""}`;
    expect(read(table)).toEqual([
      { grantee: 'postgres', privileges: 'arwdDxtm', grantor: 'postgres' },
      { grantee: 'a "b"', privileges: 'r', grantor: 'postgres' },
      { grantee: 'x y', privileges: 'r*', grantor: 'postgres' },
      { grantee: 'ünï', privileges: 'r', grantor: 'x y' },
      { grantee: 'a=b/c', privileges: 'r', grantor: 'x y' },
      { grantee: '{}', privileges: 'r', grantor: 'x y' },
    ]);
    const schema = String.raw`{pg_database_owner=UC/pg_database_owner,=U/pg_database_owner,"\"c,d\\e\"=U*/pg_database_owner"}`;
    expect(read(schema)).toEqual([
      { grantee: 'pg_database_owner', privileges: 'UC', grantor: 'pg_database_owner' },
      { grantee: null, privileges: 'U', grantor: 'pg_database_owner' },
      { grantee: 'c,d\\e', privileges: 'U*', grantor: 'pg_database_owner' },
    ]);
  });

  it('reads an item with a quoted name that holds = and /', () => {
    expect(readAclItem('"a=b/c"=r/"d/e"')).toEqual({ grantee: 'a=b/c', privileges: 'r', grantor: 'd/e' });
  });

  it('refuses text that is not an aclitem[]', () => {
    expect(() => read('owner=r/owner')).toThrow();
    expect(() => read('{owner-r/owner}')).toThrow();
    expect(() => read('{"owner=r/owner}')).toThrow();
  });
});
