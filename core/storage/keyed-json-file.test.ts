import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PersonaStore } from '../act-as/console/persona-store.js';
import { KeyedJsonFile } from './keyed-json-file.js';

const record = z.object({ id: z.string(), n: z.number() });

describe('KeyedJsonFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gh-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps lists per key across instances, 0600, and drops a key whose list empties', async () => {
    const file = join(dir, 'x.json');
    await new KeyedJsonFile(file, record, 'x').update('a', () => [{ id: '1', n: 1 }]);
    await new KeyedJsonFile(file, record, 'x').update('b', () => [{ id: '2', n: 2 }]);
    const again = new KeyedJsonFile(file, record, 'x');
    expect(await again.list('a')).toEqual([{ id: '1', n: 1 }]);
    expect(await again.list('b')).toEqual([{ id: '2', n: 2 }]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await again.update('a', () => []);
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).byTarget)).toEqual(['b']);
  });

  it.each([
    ['bad JSON', '{"version":1,"byTarget":{'],
    ['the wrong shape', '{"version":1,"byTarget":{"a":[{"id":1}]}}'],
    ['a newer version', '{"version":2,"byTarget":{}}'],
  ])('a file with %s is set aside as .damaged and the store starts empty', async (_what, text) => {
    const file = join(dir, 'x.json');
    writeFileSync(file, text);
    const store = new KeyedJsonFile(file, record, 'x');
    expect(await store.list('a')).toEqual([]);
    expect(readFileSync(`${file}.damaged`, 'utf8')).toBe(text);
    await store.update('a', () => [{ id: '3', n: 3 }]);
    expect(await store.list('a')).toEqual([{ id: '3', n: 3 }]);
  });

  it('serialises concurrent updates: none is lost', async () => {
    const store = new KeyedJsonFile(join(dir, 'x.json'), record, 'x');
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => store.update('a', (l) => [...l, { id: String(i), n: i }])),
    );
    expect((await store.list('a')).length).toBe(40);
  });

  it('names what could not be read or saved, with GH520', async () => {
    writeFileSync(join(dir, 'not-a-dir'), '');
    const store = new KeyedJsonFile(join(dir, 'not-a-dir', 'x.json'), record, 'the things');
    await expect(store.update('a', () => [{ id: '1', n: 1 }])).rejects.toMatchObject({
      code: 'GH520',
      message: expect.stringMatching(/^Could not read the things: ENOTDIR/),
    });
  });
});

describe('PersonaStore', () => {
  it('tolerates a damaged personas file like the history file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-personas-'));
    try {
      writeFileSync(join(dir, 'act-as-personas.json'), 'not json at all');
      const store = new PersonaStore(dir);
      expect(await store.list('h:5432/db')).toEqual([]);
      expect(existsSync(join(dir, 'act-as-personas.json.damaged'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
