import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { snippetSchema, type Snippet } from '../../shared/contract/workbench.js';
import { GatehouseError } from '../../shared/errors.js';

const settingsSchema = z.object({ snippetsFolder: z.string().optional() });

function failed(what: string, folder: string, e: unknown): GatehouseError {
  return new GatehouseError(
    'GH704',
    `Could not ${what} the snippets in ${folder}: ${e instanceof Error ? e.message : String(e)}`,
    {
      hint: 'Pick a folder you can write to (the snippets are plain .sql files, fit to commit).',
    },
  );
}

/**
 * Saved snippets are the `.sql` files of one folder — by default `snippets/` in the studio's data dir, or a
 * folder the user chose (in a repository, to commit them). The choice is kept in `workbench.json`.
 */
export class SnippetStore {
  private readonly settingsFile: string;

  constructor(private readonly dataDir: string) {
    this.settingsFile = join(dataDir, 'workbench.json');
  }

  get defaultFolder(): string {
    return join(this.dataDir, 'snippets');
  }

  async folder(): Promise<string> {
    try {
      const s = settingsSchema.safeParse(JSON.parse(await readFile(this.settingsFile, 'utf8')) as unknown);
      return s.success && s.data.snippetsFolder ? s.data.snippetsFolder : this.defaultFolder;
    } catch {
      return this.defaultFolder;
    }
  }

  async setFolder(folder: string): Promise<string> {
    const chosen = folder.trim();
    if (chosen !== '' && !isAbsolute(chosen))
      throw new GatehouseError('GH704', `"${chosen}" is not an absolute path.`, {
        hint: 'Give the full path of the folder, e.g. /home/me/project/sql.',
      });
    const target = chosen === '' ? this.defaultFolder : resolve(chosen);
    try {
      await mkdir(target, { recursive: true });
      await mkdir(this.dataDir, { recursive: true });
      const body = chosen === '' ? {} : { snippetsFolder: target };
      await writeFile(this.settingsFile, JSON.stringify(body, null, 2), { mode: 0o600 });
    } catch (e) {
      throw failed('use', target, e);
    }
    return target;
  }

  async list(): Promise<{ folder: string; snippets: Snippet[] }> {
    const folder = await this.folder();
    let names: string[];
    try {
      names = (await readdir(folder)).filter((n) => snippetSchema.shape.name.safeParse(n).success).sort();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { folder, snippets: [] };
      throw failed('read', folder, e);
    }
    const snippets = await Promise.all(
      names.map(async (name) => ({ name, sql: await readFile(join(folder, name), 'utf8').catch(() => '') })),
    );
    return { folder, snippets };
  }

  async save(snippet: Snippet): Promise<{ folder: string; snippets: Snippet[] }> {
    const name = snippetSchema.shape.name.parse(snippet.name);
    const folder = await this.folder();
    try {
      await mkdir(folder, { recursive: true });
      const tmp = join(folder, `.${name}.${process.pid}.tmp`);
      await writeFile(tmp, snippet.sql.endsWith('\n') ? snippet.sql : `${snippet.sql}\n`);
      await rename(tmp, join(folder, name));
    } catch (e) {
      throw failed('save', folder, e);
    }
    return this.list();
  }

  async remove(name: string): Promise<{ folder: string; snippets: Snippet[] }> {
    const folder = await this.folder();
    try {
      await rm(join(folder, snippetSchema.shape.name.parse(name)), { force: true });
    } catch (e) {
      throw failed('delete', folder, e);
    }
    return this.list();
  }
}
