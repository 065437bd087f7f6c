import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SafeStorageSecretStore, type SafeStorageLike } from './safe-storage-secrets.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A stand-in for the OS keychain: XOR with a key, so the file never holds the plain text. */
function fakeSafeStorage(available = true): SafeStorageLike {
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => xor(Buffer.from(s, 'utf8')),
    decryptString: (b) => xor(b).toString('utf8'),
  };
}

function file(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gh-safe-'));
  dirs.push(dir);
  return join(dir, 'secrets.json');
}

describe('SafeStorageSecretStore', () => {
  it('stores passwords encrypted (0600), reads them back across instances, deletes them', async () => {
    const f = file();
    const store = new SafeStorageSecretStore(f, fakeSafeStorage());
    await store.set('connection:a:password', 'Sup3r-Secret');
    expect(readFileSync(f, 'utf8')).not.toContain('Sup3r-Secret');
    expect(statSync(f).mode & 0o777).toBe(0o600);
    expect(store.persistent).toBe(true);
    const again = new SafeStorageSecretStore(f, fakeSafeStorage());
    expect(await again.get('connection:a:password')).toBe('Sup3r-Secret');
    await again.delete('connection:a:password');
    expect(await store.get('connection:a:password')).toBeUndefined();
  });

  it('keeps secrets in memory only when the OS offers no encryption', async () => {
    const f = file();
    const store = new SafeStorageSecretStore(f, fakeSafeStorage(false));
    await store.set('k', 'plain');
    expect(await store.get('k')).toBe('plain');
    expect(store.persistent).toBe(false);
    expect(existsSync(f)).toBe(false);
  });
});
