import { describe, expect, it } from 'vitest';
import type { SavedPersona } from './api.js';
import { addHistory, toStored, withLivePersonas, type HistoryEntry } from './history.js';

const admin: SavedPersona = { id: 'p1', name: 'admin', kind: 'jwt', claims: '', token: 'secret.jwt.token' };
const entry = (id: string): HistoryEntry => ({
  id,
  at: '2026-01-01T00:00:00.000Z',
  request: {
    method: 'GET',
    path: '/items',
    headers: [
      ['Authorization', 'Bearer secret.jwt.token'],
      ['Accept', 'text/csv'],
    ],
    body: null,
  },
  persona: admin,
  status: 200,
  ms: 1,
  committed: false,
  response: { headers: [], body: 'x'.repeat(20_000) },
});

describe('console history (renderer side)', () => {
  it('sends no token, no Authorization header and a bounded body to be kept', () => {
    const stored = toStored(entry('a'));
    expect(JSON.stringify(stored)).not.toContain('secret.jwt.token');
    expect(stored.persona).toEqual({ ...admin, token: '' });
    expect(stored.request.headers).toEqual([['Accept', 'text/csv']]);
    expect(stored.response.body.length).toBeLessThan(16 * 1024 + 20);
    expect(toStored(stored).response.body).toBe(stored.response.body);
  });
  it('re-runs and exports with the persona as saved now (token back), or as kept when deleted', () => {
    const kept = [
      toStored(entry('a')),
      { ...toStored(entry('b')), persona: { ...admin, id: 'gone', token: '' } },
    ];
    const live = withLivePersonas(kept, [admin]);
    expect(live[0]?.persona.token).toBe('secret.jwt.token');
    expect(live[1]?.persona).toMatchObject({ id: 'gone', token: '' });
  });
  it('adds newest first without duplicates', () => {
    const list = addHistory(addHistory([], entry('a')), entry('b'));
    expect(addHistory(list, entry('a')).map((e) => e.id)).toEqual(['a', 'b']);
  });
});
