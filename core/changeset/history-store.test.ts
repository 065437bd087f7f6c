import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeSetHistoryEntry } from '../../shared/contract/changeset.js';
import { ChangeSetHistoryStore, historyTarget } from './history-store.js';

function entry(n: number): ChangeSetHistoryEntry {
  return {
    id: `set-${n}`,
    at: new Date(1_700_000_000_000 + n).toISOString(),
    server: { host: 'h', port: 5432, version: '18.4' },
    database: 'shop',
    user: 'dev',
    source: 'studio',
    outcome: 'applied',
    summary: 'Applied 1 statement in one transaction.',
    lockTimeoutMs: 5000,
    statementTimeoutMs: 60000,
    ms: 1,
    statements: [
      {
        sql: `CREATE TABLE t${n} ()`,
        origin: { panel: 'p', object: '', action: 'a' },
        phase: 'transaction',
        status: 'applied',
      },
    ],
    failure: null,
  };
}

describe('ChangeSetHistoryStore', () => {
  let dir: string;
  const target = historyTarget({ host: 'h', port: 5432, database: 'shop' });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gh-cs-history-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps applied sets per database across restarts, newest first, the exact SQL included', async () => {
    await new ChangeSetHistoryStore(dir).add(target, entry(1));
    await new ChangeSetHistoryStore(dir).add(target, entry(2));
    await new ChangeSetHistoryStore(dir).add('h:5432/other', entry(3));
    const list = await new ChangeSetHistoryStore(dir).list(target);
    expect(list.map((e) => e.id)).toEqual(['set-2', 'set-1']);
    expect(list[1]!.statements[0]!.sql).toBe('CREATE TABLE t1 ()');
    expect(readFileSync(join(dir, 'changeset-history.json'), 'utf8')).toContain('CREATE TABLE t2 ()');
  });

  it('keeps at most the limit, and concurrent adds are all kept', async () => {
    const store = new ChangeSetHistoryStore(dir, 5);
    await Promise.all(Array.from({ length: 8 }, (_, i) => store.add(target, entry(i))));
    expect((await store.list(target)).map((e) => e.id)).toEqual([
      'set-7',
      'set-6',
      'set-5',
      'set-4',
      'set-3',
    ]);
  });

  it('starts over on a damaged file, and drops only the damaged entries of a readable one', async () => {
    const file = join(dir, 'changeset-history.json');
    writeFileSync(file, '{"version":1,"byTarget":{"h:5432/shop":[{"id":');
    const store = new ChangeSetHistoryStore(dir);
    expect(await store.list(target)).toEqual([]);
    expect((await store.add(target, entry(1))).map((e) => e.id)).toEqual(['set-1']);
    writeFileSync(file, JSON.stringify({ version: 1, byTarget: { [target]: [{ id: 'broken' }, entry(2)] } }));
    expect((await store.list(target)).map((e) => e.id)).toEqual(['set-2']);
  });
});
