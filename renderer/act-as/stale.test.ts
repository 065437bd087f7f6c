import { describe, expect, it } from 'vitest';
import { staleReasons } from './stale.js';

const alice = { id: 'a', name: 'alice', kind: 'claims' as const, claims: '{"sub":"alice"}', token: '' };
const bob = { ...alice, id: 'b', name: 'bob', claims: '{"sub":"bob"}' };
const req = { method: 'PATCH', path: '/orders?id=eq.3', headers: [], body: '{"status":"x"}' };

describe('staleReasons', () => {
  it('is empty while nothing changed', () => {
    expect(
      staleReasons({ request: req, persona: alice }, { request: { ...req }, persona: { ...alice } }),
    ).toEqual([]);
  });
  it('names each change since the answer', () => {
    expect(
      staleReasons(
        { request: req, persona: alice },
        { request: { ...req, path: '/orders', body: '{}' }, persona: bob },
      ),
    ).toEqual(['persona (was alice)', 'path (was /orders?id=eq.3)', 'body']);
    expect(
      staleReasons(
        { request: req, persona: alice },
        {
          request: { ...req, method: 'GET', headers: [['Prefer', 'x']] },
          persona: { ...alice, headers: [['Cookie', 's=1']] },
        },
      ),
    ).toEqual(['persona alice edited', 'method (was PATCH)', 'headers']);
  });
});
