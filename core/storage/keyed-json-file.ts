import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { z } from 'zod';
import { GatehouseError } from '../../shared/errors.js';

/**
 * Lists of records kept per key (a database: host, port and name) in one JSON file of the data dir: the
 * console's personas and history, applied change sets, the workbench's history. Reads validate against the
 * record schema; a damaged file (bad JSON, wrong shape) is set aside as `<file>.damaged` and the store starts
 * empty rather than lose the panel. Writes are serialised and go through a temp file and a rename (mode 0600).
 */
export class KeyedJsonFile<T> {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly fileSchema: z.ZodType<{ version: 1; byTarget: Record<string, T[]> }>;

  constructor(
    readonly file: string,
    record: z.ZodType<T>,
    /** What the file holds, for the error when it cannot be written ("the personas"). */
    private readonly what: string,
  ) {
    this.fileSchema = z.object({ version: z.literal(1), byTarget: z.record(z.string(), z.array(record)) });
  }

  private async read(): Promise<Record<string, T[]>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new GatehouseError('GH520', `Could not read ${this.what}: ${(e as Error).message}`, {
        hint: `Check that ${dirname(this.file)} is readable (or set GATEHOUSE_DATA_DIR).`,
      });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const checked = this.fileSchema.safeParse(parsed);
    if (checked.success) return checked.data.byTarget;
    // Keep the damaged file for the user to look at; the next write starts a fresh one.
    await rename(this.file, `${this.file}.damaged`).catch(() => undefined);
    return {};
  }

  async list(target: string): Promise<T[]> {
    await this.queue;
    return (await this.read())[target] ?? [];
  }

  /** Replaces the list of `target` with `change(current)`; an empty list removes the key. */
  update(target: string, change: (list: T[]) => T[]): Promise<T[]> {
    const run = async (): Promise<T[]> => {
      const byTarget = await this.read();
      const next = change(byTarget[target] ?? []);
      if (next.length === 0) delete byTarget[target];
      else byTarget[target] = next;
      const dir = dirname(this.file);
      try {
        await mkdir(dir, { recursive: true });
        const tmp = `${dir}/.${basename(this.file)}.${process.pid}.tmp`;
        await writeFile(tmp, JSON.stringify({ version: 1, byTarget }), { mode: 0o600 });
        await rename(tmp, this.file);
      } catch (e) {
        throw new GatehouseError(
          'GH520',
          `Could not save ${this.what}: ${e instanceof Error ? e.message : String(e)}`,
          { hint: `Check that ${dir} is writable (or set GATEHOUSE_DATA_DIR).` },
        );
      }
      return next;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
