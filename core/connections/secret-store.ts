/**
 * Where connection passwords live: never in the saved-connections JSON. The desktop host injects one backed
 * by Electron safeStorage (the OS keychain); browser mode keeps them in memory for the session only.
 */
export interface SecretStore {
  /** Whether secrets survive a restart (the UI says "password kept for this session" otherwise). */
  readonly persistent: boolean;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export class MemorySecretStore implements SecretStore {
  readonly persistent = false;
  readonly #values = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    return this.#values.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    this.#values.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.#values.delete(key);
  }
}
