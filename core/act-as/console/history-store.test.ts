import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryEntryRecord } from '../../../shared/contract/act-as-console.js';
import { HISTORY_BODY_LIMIT, HistoryStore } from './history-store.js';

const token = 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYWRtaW4ifQ.c2lnbmF0dXJl';

function entry(n: number, over: Partial<HistoryEntryRecord> = {}): HistoryEntryRecord {
  return {
    id: `run-${n}`,
    at: new Date(1_700_000_000_000 + n).toISOString(),
    request: {
      method: 'GET',
      path: `/items?id=eq.${n}`,
      headers: [['Accept', 'application/json']],
      body: null,
    },
    persona: { id: 'p-admin', name: 'admin', kind: 'jwt', claims: '', token },
    status: 200,
    ms: 3.5,
    committed: false,
    response: { headers: [['Content-Type', 'application/json']], body: `[{"id":${n}}]` },
    ...over,
  };
}

describe('HistoryStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gh-history-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps runs per database across store instances (a restart), newest first', async () => {
    await new HistoryStore(dir).add('h:5432/a', entry(1));
    await new HistoryStore(dir).add('h:5432/a', entry(2));
    await new HistoryStore(dir).add('h:5432/b', entry(3));
    const again = new HistoryStore(dir);
    expect((await again.list('h:5432/a')).map((e) => e.id)).toEqual(['run-2', 'run-1']);
    expect((await again.list('h:5432/b')).map((e) => e.id)).toEqual(['run-3']);
    // Enough to re-run and export: the request and the persona by id and name.
    const [latest] = await again.list('h:5432/a');
    expect(latest?.request).toEqual(entry(2).request);
    expect(latest?.persona).toMatchObject({ id: 'p-admin', name: 'admin', kind: 'jwt' });
  });

  it('never writes a token or an Authorization header to disk', async () => {
    const store = new HistoryStore(dir);
    await store.add(
      'h:5432/a',
      entry(1, {
        request: {
          method: 'POST',
          path: '/rpc/f',
          headers: [
            ['authorization', `Bearer ${token}`],
            ['Prefer', 'tx=rollback'],
          ],
          body: '{}',
        },
      }),
    );
    const text = readFileSync(join(dir, 'act-as-history.json'), 'utf8');
    expect(text).not.toContain(token);
    expect(text.toLowerCase()).not.toContain('authorization');
    const [kept] = await store.list('h:5432/a');
    expect(kept?.persona.token).toBe('');
    expect(kept?.request.headers).toEqual([['Prefer', 'tx=rollback']]);
  });

  it('keeps at most the cap, dropping the oldest, and cuts big bodies', async () => {
    const store = new HistoryStore(dir, 5);
    for (let n = 1; n <= 8; n++) await store.add('t', entry(n));
    expect((await store.list('t')).map((e) => e.id)).toEqual(['run-8', 'run-7', 'run-6', 'run-5', 'run-4']);
    const big = 'x'.repeat(HISTORY_BODY_LIMIT + 10);
    const [kept] = await store.add('t', entry(9, { response: { headers: [], body: big } }));
    expect(kept?.response.body.startsWith('x'.repeat(HISTORY_BODY_LIMIT))).toBe(true);
    expect(kept?.response.body.endsWith('… (cut)')).toBe(true);
  });

  it('defaults to the last 500 runs, keeps concurrent adds, and clears', async () => {
    const store = new HistoryStore(dir);
    await Promise.all(Array.from({ length: 520 }, (_, i) => store.add('t', entry(i))));
    const list = await store.list('t');
    expect(list).toHaveLength(500);
    expect(list[0]?.id).toBe('run-519');
    expect(await store.clear('t')).toEqual([]);
    expect(await new HistoryStore(dir).list('t')).toEqual([]);
  }, 30_000); // 520 serialized rewrites of a growing file: slow on a loaded 2-core CI machine, not a timing test

  it('starts over on a damaged file instead of failing the console', async () => {
    writeFileSync(join(dir, 'act-as-history.json'), '{not json');
    const store = new HistoryStore(dir);
    expect(await store.list('t')).toEqual([]);
    expect((await store.add('t', entry(1))).map((e) => e.id)).toEqual(['run-1']);
  });
});
