import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretStore } from '../core/connections/secret-store.js';

/** The parts of Electron's safeStorage used here (a fake in tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * Connection passwords encrypted with the OS keychain (Electron safeStorage) in `<data dir>/secrets.json`
 * (0600). When the OS offers no encryption, passwords are kept for the session only, never written plain.
 */
export class SafeStorageSecretStore implements SecretStore {
  readonly #memory = new Map<string, string>();

  constructor(
    private readonly file: string,
    private readonly safe: SafeStorageLike,
  ) {}

  get persistent(): boolean {
    return this.safe.isEncryptionAvailable();
  }

  #read(): Record<string, string> {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
    } catch {
      return {};
    }
  }

  #write(values: Record<string, string>): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(values, null, 2) + '\n', { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.file);
  }

  async get(key: string): Promise<string | undefined> {
    if (this.#memory.has(key)) return this.#memory.get(key);
    const encrypted = this.#read()[key];
    if (encrypted === undefined || !this.safe.isEncryptionAvailable()) return undefined;
    try {
      return this.safe.decryptString(Buffer.from(encrypted, 'base64'));
    } catch {
      return undefined; // Encrypted under another OS user or keychain: as if never saved.
    }
  }

  async set(key: string, value: string): Promise<void> {
    if (!this.safe.isEncryptionAvailable()) {
      this.#memory.set(key, value);
      return;
    }
    const values = this.#read();
    values[key] = this.safe.encryptString(value).toString('base64');
    this.#write(values);
  }

  async delete(key: string): Promise<void> {
    this.#memory.delete(key);
    const values = this.#read();
    if (key in values) {
      delete values[key];
      this.#write(values);
    }
  }
}
