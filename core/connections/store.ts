import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { GatehouseError } from '../../shared/errors.js';
import {
  connectionParamsSchema,
  type ConnectionParams,
  type SavedConnection,
} from '../../shared/model/connection.js';
import { splitForSaving } from './resolve.js';
import type { SecretStore } from './secret-store.js';

const storedSchema = z.object({
  id: z.string(),
  name: z.string(),
  params: connectionParamsSchema.omit({ password: true, uri: true }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const fileSchema = z.object({ version: z.literal(1), connections: z.array(storedSchema) });
type Stored = z.infer<typeof storedSchema>;

const secretKey = (id: string) => `connection:${id}:password`;

/**
 * Saved connections in `<data dir>/connections.json`. The file holds host, port, user… but never a
 * password: that goes to the SecretStore under the connection's id.
 */
export class ConnectionStore {
  readonly file: string;

  constructor(
    dataDir: string,
    private readonly secrets: SecretStore,
  ) {
    this.file = join(dataDir, 'connections.json');
  }

  private async readAll(): Promise<Stored[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return [];
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      json = error;
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) {
      throw new GatehouseError('GH400', `The saved connections file ${this.file} could not be read.`, {
        details: json instanceof Error ? json.message : parsed.error.issues.map((i) => i.message).join('; '),
        hint: 'Fix or move the file aside; Gatehouse will start with an empty list.',
      });
    }
    return parsed.data.connections;
  }

  private async writeAll(connections: Stored[]): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ version: 1, connections }, null, 2) + '\n', { mode: 0o600 });
    await rename(tmp, this.file);
  }

  private async toSaved(stored: Stored): Promise<SavedConnection> {
    return { ...stored, hasPassword: (await this.secrets.get(secretKey(stored.id))) !== undefined };
  }

  async list(): Promise<SavedConnection[]> {
    return Promise.all((await this.readAll()).map((s) => this.toSaved(s)));
  }

  async get(id: string): Promise<{ saved: SavedConnection; params: ConnectionParams }> {
    const stored = (await this.readAll()).find((c) => c.id === id);
    if (!stored) {
      throw new GatehouseError('GH108', `There is no saved connection "${id}".`, {
        hint: 'It may have been deleted in another window; pick one from the list again.',
      });
    }
    const password = await this.secrets.get(secretKey(id));
    return {
      saved: await this.toSaved(stored),
      params: password === undefined ? stored.params : { ...stored.params, password },
    };
  }

  /** Creates or updates; a URI is split into fields and a password (from the field or the URI) goes to the secrets. */
  async save(input: {
    id?: string | undefined;
    name: string;
    params: ConnectionParams;
  }): Promise<SavedConnection> {
    const all = await this.readAll();
    const { fields, password } = splitForSaving(input.params);
    const now = new Date().toISOString();
    const existing = input.id === undefined ? undefined : all.find((c) => c.id === input.id);
    const stored: Stored = {
      id: existing?.id ?? input.id ?? randomUUID(),
      name: input.name,
      params: fields,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    const next = existing ? all.map((c) => (c.id === stored.id ? stored : c)) : [...all, stored];
    if (password !== undefined) await this.secrets.set(secretKey(stored.id), password);
    await this.writeAll(next);
    return this.toSaved(stored);
  }

  async delete(id: string): Promise<boolean> {
    const all = await this.readAll();
    const next = all.filter((c) => c.id !== id);
    await this.secrets.delete(secretKey(id));
    if (next.length === all.length) return false;
    await this.writeAll(next);
    return true;
  }
}
