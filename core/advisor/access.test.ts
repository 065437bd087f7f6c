import { describe, expect, it } from 'vitest';
import { grant, member, role, smallCatalog, table } from '../../shared/model/testing/small-catalog.js';
import { modelAccess } from './access.js';

const model = smallCatalog({
  roles: [role('owner'), role('web'), role('anon')],
  memberships: [member('anon', 'web')],
  relations: [
    table('api', 'a', 'owner', ['id']),
    table('api', 'b', 'owner', ['id', 'name']),
    table('api', 'c', 'owner', ['id']),
  ],
  grants: [
    grant('api.c', 'anon', 'SELECT'),
    grant('api.a', 'web', 'SELECT'),
    grant('api.a', 'web', 'DELETE'),
    grant('api.b.name', 'web', 'UPDATE'),
  ],
});

describe('modelAccess', () => {
  it("reads a role's relation grants like a ReadonlyMap, in model order", () => {
    const web = modelAccess(model).relations('web');
    const expected = new Map<string, unknown>([
      ['api\0a', { SELECT: 'all', DELETE: 'all' }],
      ['api\0b', { UPDATE: ['name'] }],
      ['api\0c', { SELECT: 'all' }],
    ]);
    expect(new Map(web)).toEqual(expected);
    expect(web.size).toBe(3);
    expect([...web.keys()]).toEqual([...expected.keys()]);
    expect([...web.values()]).toEqual([...expected.values()]);
    expect(web.get('api\0b')).toEqual({ UPDATE: ['name'] });
    expect([web.has('api\0c'), web.has('api\0nope')]).toEqual([true, false]);
    const seen: string[] = [];
    web.forEach((_, k) => seen.push(k));
    expect(seen).toEqual([...expected.keys()]);
    const anon = modelAccess(model).relations('anon');
    expect([anon.size, [...anon.keys()]]).toEqual([1, ['api\0c']]);
    expect(modelAccess(model).relations('nobody').size).toBe(0);
  });
});
