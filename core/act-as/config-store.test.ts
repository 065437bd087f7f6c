import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../connections/secret-store.js';
import { ActAsConfigStore } from './config-store.js';

const text =
  'db-schemas = "api"\ndb-anon-role = "web_anon"\njwt-secret = "0123456789abcdef0123456789abcdef"\n';

describe('ActAsConfigStore', () => {
  it("falls back to PostgREST's defaults for a connection without a config", async () => {
    const store = new ActAsConfigStore(new MemorySecretStore());
    expect(await store.entry('c1')).toBeUndefined();
    expect((await store.config('c1')).dbSchemas).toEqual(['public']);
  });

  it('finds a config again through the secret store (a restarted host with the same keychain)', async () => {
    const secrets = new MemorySecretStore();
    await new ActAsConfigStore(secrets).set('c1', text);
    const again = new ActAsConfigStore(secrets);
    expect((await again.config('c1')).dbAnonRole).toBe('web_anon');
    expect((await again.entry('c1'))?.text).toBe(text);
  });

  it('refuses an invalid text with GH401 and keeps the previous config', async () => {
    const store = new ActAsConfigStore(new MemorySecretStore());
    await store.set('c1', text);
    await expect(store.set('c1', 'db-schemas = "api\n')).rejects.toMatchObject({ code: 'GH401' });
    expect((await store.config('c1')).dbAnonRole).toBe('web_anon');
  });

  it('adopts a postgrest.conf file, and reports a missing one without changing anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-conf-'));
    const file = join(dir, 'postgrest.conf');
    writeFileSync(file, text);
    const store = new ActAsConfigStore(new MemorySecretStore());
    expect(await store.adoptFile('demo', file)).toBe(true);
    expect((await store.config('demo')).dbSchemas).toEqual(['api']);
    expect(await store.adoptFile('demo', join(dir, 'missing.conf'))).toBe(false);
    expect((await store.config('demo')).dbSchemas).toEqual(['api']);
  });

  it('forgets a deleted connection', async () => {
    const secrets = new MemorySecretStore();
    const store = new ActAsConfigStore(secrets);
    await store.set('c1', text);
    await store.delete('c1');
    expect(await store.entry('c1')).toBeUndefined();
    expect(await secrets.get('connection:c1:postgrest.conf')).toBeUndefined();
  });
});
