import { readFile } from 'node:fs/promises';
import type { SecretStore } from '../connections/secret-store.js';
import {
  defaultPostgrestConfig,
  loadPostgrestConfig,
  type PostgrestConfig,
  type PostgrestVersion,
} from './config/index.js';
import { DEFAULT_POSTGREST_VERSION, parsePostgrestVersion } from './versions.js';

interface Entry {
  readonly text: string;
  readonly config: PostgrestConfig;
}

// The text holds jwt-secret and the authenticator's password: it goes where passwords go, never to a JSON file.
const secretKey = (connectionId: string) => `connection:${connectionId}:postgrest.conf`;
// The PostgREST major to answer as is kept beside it (not a PostgREST setting, so not in the text).
const versionKey = (connectionId: string) => `connection:${connectionId}:postgrest-version`;

/**
 * The PostgREST configuration act-as uses for each connection. Kept in memory for speed and in the host's
 * SecretStore so that a saved connection finds its config again after a restart (the desktop app's store is the
 * OS keychain; browser mode keeps it, like passwords, for the session only).
 */
export class ActAsConfigStore {
  readonly #entries = new Map<string, Entry>();
  readonly #versions = new Map<string, PostgrestVersion>();

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
    const config = (await this.entry(connectionId))?.config ?? defaultPostgrestConfig();
    return { ...config, postgrestVersion: await this.version(connectionId) };
  }

  /** The PostgREST major act-as answers as for the connection (default: the newest). */
  async version(connectionId: string): Promise<PostgrestVersion> {
    const cached = this.#versions.get(connectionId);
    if (cached !== undefined) return cached;
    const stored = await this.secrets.get(versionKey(connectionId));
    const v = (stored === undefined ? null : parsePostgrestVersion(stored)) ?? DEFAULT_POSTGREST_VERSION;
    this.#versions.set(connectionId, v);
    return v;
  }

  async setVersion(connectionId: string, version: PostgrestVersion): Promise<void> {
    this.#versions.set(connectionId, version);
    await this.secrets.set(versionKey(connectionId), String(version));
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
    this.#versions.delete(connectionId);
    await this.secrets.delete(secretKey(connectionId));
    await this.secrets.delete(versionKey(connectionId));
  }
}
