import { readFile } from 'node:fs/promises';
import type { SecretStore } from '../connections/secret-store.js';
import { defaultPostgrestConfig, loadPostgrestConfig, type PostgrestConfig } from './config/index.js';

interface Entry {
  readonly text: string;
  readonly config: PostgrestConfig;
}

// The text holds jwt-secret and the authenticator's password: it goes where passwords go, never to a JSON file.
const secretKey = (connectionId: string) => `connection:${connectionId}:postgrest.conf`;

/**
 * The PostgREST configuration act-as uses for each connection. Kept in memory for speed and in the host's
 * SecretStore so that a saved connection finds its config again after a restart (the desktop app's store is the
 * OS keychain; browser mode keeps it, like passwords, for the session only).
 */
export class ActAsConfigStore {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly secrets: SecretStore) {}

  /** The stored text and config, or undefined when the connection has none (PostgREST's defaults apply). */
  async entry(connectionId: string): Promise<Entry | undefined> {
    const cached = this.#entries.get(connectionId);
    if (cached) return cached;
    const text = await this.secrets.get(secretKey(connectionId));
    if (text === undefined) return undefined;
    try {
      const entry = { text, config: loadPostgrestConfig({ text, file: 'postgrest.conf', env: {} }) };
      this.#entries.set(connectionId, entry);
      return entry;
    } catch {
      // A text that no longer loads (e.g. written by a newer version) is ignored rather than blocking act-as.
      return undefined;
    }
  }

  async config(connectionId: string): Promise<PostgrestConfig> {
    return (await this.entry(connectionId))?.config ?? defaultPostgrestConfig();
  }

  /** Validates and stores the text; an invalid text throws the loader's GH401 and the previous config stays. */
  async set(connectionId: string, text: string, file = 'postgrest.conf'): Promise<PostgrestConfig> {
    const config = loadPostgrestConfig({ text, file, env: {} });
    this.#entries.set(connectionId, { text, config });
    await this.secrets.set(secretKey(connectionId), text);
    return config;
  }

  /** Uses a postgrest.conf file (the embedded demo's); false, keeping the previous config, when it cannot be used. */
  async adoptFile(connectionId: string, file: string): Promise<boolean> {
    try {
      await this.set(connectionId, await readFile(file, 'utf8'), file);
      return true;
    } catch {
      return false;
    }
  }

  async delete(connectionId: string): Promise<void> {
    this.#entries.delete(connectionId);
    await this.secrets.delete(secretKey(connectionId));
  }
}
