import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from './secret-store.js';
import { ConnectionStore } from './store.js';
import { userDataDir } from './data-dir.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gh-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ConnectionStore', () => {
  it('never writes a password to the JSON file, from a field or inside a URI', async () => {
    const secrets = new MemorySecretStore();
    const store = new ConnectionStore(dir, secrets);
    const a = await store.save({ name: 'a', params: { host: 'h', user: 'u', password: 'Field-Secret-1' } });
    const b = await store.save({
      name: 'b',
      params: { uri: 'postgresql://u:Uri-Secret-2@h:5433/d?sslmode=require' },
    });
    const text = readFileSync(store.file, 'utf8');
    expect(text).not.toContain('Field-Secret-1');
    expect(text).not.toContain('Uri-Secret-2');
    expect(text).not.toMatch(/password/i);
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(a.hasPassword).toBe(true);
    expect(b.params).toEqual({ host: 'h', port: 5433, user: 'u', database: 'd', sslmode: 'require' });
    expect((await store.get(b.id)).params.password).toBe('Uri-Secret-2');
    expect(await secrets.get(`connection:${a.id}:password`)).toBe('Field-Secret-1');
  });

  it('lists, updates in place and deletes (with the stored password)', async () => {
    const secrets = new MemorySecretStore();
    const store = new ConnectionStore(dir, secrets);
    const a = await store.save({ name: 'a', params: { host: 'h', password: 'p' } });
    await store.save({ name: 'b', params: { host: 'h2' } });
    const renamed = await store.save({ id: a.id, name: 'a2', params: { host: 'h3' } });
    expect(renamed.createdAt).toBe(a.createdAt);
    expect((await store.list()).map((c) => [c.name, c.params.host, c.hasPassword])).toEqual([
      ['a2', 'h3', true],
      ['b', 'h2', false],
    ]);
    expect(await store.delete(a.id)).toBe(true);
    expect(await store.delete(a.id)).toBe(false);
    expect(await secrets.get(`connection:${a.id}:password`)).toBeUndefined();
    await expect(store.get(a.id)).rejects.toMatchObject({ code: 'GH108' });
  });

  it('starts empty when there is no file yet', async () => {
    expect(await new ConnectionStore(join(dir, 'nope'), new MemorySecretStore()).list()).toEqual([]);
  });
});

describe('userDataDir', () => {
  it('follows GATEHOUSE_DATA_DIR, XDG_DATA_HOME and the platform conventions', () => {
    expect(userDataDir({ GATEHOUSE_DATA_DIR: '/x' }, 'linux', '/home/a')).toBe('/x');
    expect(userDataDir({ XDG_DATA_HOME: '/xdg' }, 'linux', '/home/a')).toBe('/xdg/gatehouse');
    expect(userDataDir({}, 'linux', '/home/a')).toBe('/home/a/.local/share/gatehouse');
    expect(userDataDir({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/gatehouse');
    expect(userDataDir({ APPDATA: 'C:/Users/a/AppData/Roaming' }, 'win32', 'C:/Users/a')).toContain(
      'gatehouse',
    );
  });
});

describe('connections.* through dispatch', () => {
  it('saves, lists and deletes without ever writing the password', async () => {
    const { createStudioContext } = await import('../app/context.js');
    const { dispatch } = await import('../app/dispatch.js');
    const { handlers } = await import('../app/handlers.js');
    const context = createStudioContext({ mode: 'browser', version: 't', dataDir: dir });
    const saved = await dispatch(handlers, context, 'connections.save', {
      name: 'prod',
      params: { uri: 'postgresql://ann:Top-Secret-9@db:5432/shop' },
    });
    expect(saved).toMatchObject({ ok: true, value: { name: 'prod', hasPassword: true } });
    expect(readFileSync(join(dir, 'connections.json'), 'utf8')).not.toContain('Top-Secret-9');
    const listed = await dispatch(handlers, context, 'connections.list', {});
    expect(JSON.stringify(listed)).not.toContain('Top-Secret-9');
    const id = saved.ok ? (saved.value as { id: string }).id : '';
    expect(await dispatch(handlers, context, 'connections.delete', { id })).toEqual({
      ok: true,
      value: { deleted: true },
    });
    expect(await dispatch(handlers, context, 'connections.open', { id })).toMatchObject({
      ok: false,
      error: { code: 'GH108' },
    });
    // (The first import of the whole handler graph — libpg-query's wasm included — is slow on a busy machine.)
  }, 30_000);

  it('reports a damaged file as GH400', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'connections.json'), '{ not json');
    await expect(new ConnectionStore(dir, new MemorySecretStore()).list()).rejects.toMatchObject({
      code: 'GH400',
    });
  });
});
