import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SnippetStore } from './snippets.js';
import { WorkbenchHistoryStore } from './history-store.js';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'gh-wb-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('SnippetStore', () => {
  it('keeps snippets as .sql files in the default folder, then in a chosen one', async () => {
    const data = temp();
    const store = new SnippetStore(data);
    await store.save({ name: 'top customers.sql', sql: 'select 1' });
    expect(readFileSync(join(data, 'snippets', 'top customers.sql'), 'utf8')).toBe('select 1\n');
    const repo = temp();
    writeFileSync(join(repo, 'README.md'), 'not a snippet');
    expect(await store.setFolder(repo)).toBe(repo);
    await store.save({ name: 'a.sql', sql: 'select 2\n' });
    expect(await store.list()).toEqual({ folder: repo, snippets: [{ name: 'a.sql', sql: 'select 2\n' }] });
    // another store on the same data dir (a restart) finds the chosen folder
    expect(await new SnippetStore(data).folder()).toBe(repo);
    await store.remove('a.sql');
    expect((await store.list()).snippets).toEqual([]);
    expect(await store.setFolder('')).toBe(join(data, 'snippets'));
  });

  it('refuses names with folders and relative folders', async () => {
    const store = new SnippetStore(temp());
    await expect(store.save({ name: '../escape.sql', sql: '' })).rejects.toThrow();
    await expect(store.setFolder('relative/dir')).rejects.toThrow(/absolute/);
  });
});

describe('WorkbenchHistoryStore', () => {
  it('keeps runs per database, newest first, bounded', async () => {
    const store = new WorkbenchHistoryStore(temp(), 2);
    const entry = (id: string) => ({
      id,
      at: 'now',
      sql: `select ${id}`,
      ms: 1,
      ok: true,
      summary: 'SELECT 1',
    });
    await store.add('h:1/a', entry('1'));
    await store.add('h:1/a', entry('2'));
    await store.add('h:1/a', entry('3'));
    await store.add('h:1/b', entry('x'));
    expect((await store.list('h:1/a')).map((e) => e.id)).toEqual(['3', '2']);
    expect(await store.clear('h:1/a')).toEqual([]);
    expect((await store.list('h:1/b')).map((e) => e.id)).toEqual(['x']);
  });
});
