import { describe, expect, it } from 'vitest';
import type { SavedPersona } from '../../shared/contract/act-as-console.js';
import { matrixPersonas } from './personas.js';

const saved = (p: Partial<SavedPersona> & Pick<SavedPersona, 'name' | 'kind'>): SavedPersona => ({
  id: p.name,
  claims: '',
  token: '',
  ...p,
});

describe('saved personas as matrix personas', () => {
  it('carries a cookie session to the matrix: the Cookie header as cookies, other headers by name', () => {
    const { personas, skipped } = matrixPersonas([
      saved({
        name: 'cookie session of alice',
        kind: 'anon',
        headers: [
          ['Cookie', 'session=alice-session;  theme=dark; flag'],
          ['X-Tenant', '7'],
        ],
      }),
    ]);
    expect(skipped).toEqual([]);
    expect(personas).toEqual([
      { name: 'anonymous', claims: null },
      {
        name: 'cookie session of alice',
        claims: null,
        headers: { 'x-tenant': '7' },
        cookies: { session: 'alice-session', theme: 'dark', flag: '' },
      },
    ]);
  });

  it('reads claims text and a token payload; leaves out claims that are not a JSON object', () => {
    const payload = btoa(JSON.stringify({ role: 'app_user', sub: 'bob' })).replace(/=+$/, '');
    const { personas, skipped } = matrixPersonas([
      saved({ name: 'alice', kind: 'claims', claims: '{"role": "app_user", "sub": "alice"}' }),
      saved({ name: 'bob', kind: 'jwt', token: `h.${payload}.s` }),
      saved({ name: 'broken', kind: 'claims', claims: '{role: app_user}' }),
      saved({ name: 'list', kind: 'claims', claims: '[1]' }),
    ]);
    expect(personas.map((p) => [p.name, p.claims])).toEqual([
      ['anonymous', null],
      ['alice', { role: 'app_user', sub: 'alice' }],
      ['bob', { role: 'app_user', sub: 'bob' }],
    ]);
    expect(skipped).toEqual(['broken', 'list']);
  });
});
