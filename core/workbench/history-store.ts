import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { historyEntrySchema, type WorkbenchHistoryEntry } from '../../shared/contract/workbench.js';
import { GatehouseError } from '../../shared/errors.js';

/** Runs kept per database. */
export const HISTORY_LIMIT = 500;
/** Scripts longer than this are kept cut (the history is for coming back to a query, not an archive). */
export const HISTORY_SQL_LIMIT = 64 * 1024;

const fileSchema = z.object({
  version: z.literal(1),
  byTarget: z.record(z.string(), z.array(historyEntrySchema)),
});
type HistoryFile = z.infer<typeof fileSchema>;

/**
 * The workbench's run history per database (host:port/database, like the act-as console's), in
 * `workbench-history.json` of the data dir; writes go through a temp file and a rename, one at a time.
 */
export class WorkbenchHistoryStore {
  private readonly file: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    private readonly limit = HISTORY_LIMIT,
  ) {
    this.file = join(dataDir, 'workbench-history.json');
  }

  private async read(): Promise<HistoryFile> {
    try {
      const parsed = fileSchema.safeParse(JSON.parse(await readFile(this.file, 'utf8')) as unknown);
      return parsed.success ? parsed.data : { version: 1, byTarget: {} };
    } catch {
      // missing or damaged: start over rather than lose the workbench
      return { version: 1, byTarget: {} };
    }
  }

  async list(target: string): Promise<WorkbenchHistoryEntry[]> {
    await this.queue;
    return (await this.read()).byTarget[target] ?? [];
  }

  add(target: string, entry: WorkbenchHistoryEntry): Promise<WorkbenchHistoryEntry[]> {
    const kept = {
      ...entry,
      sql: entry.sql.length > HISTORY_SQL_LIMIT ? entry.sql.slice(0, HISTORY_SQL_LIMIT) : entry.sql,
    };
    return this.update(target, (list) => [kept, ...list.filter((e) => e.id !== entry.id)]);
  }

  clear(target: string): Promise<WorkbenchHistoryEntry[]> {
    return this.update(target, () => []);
  }

  private update(
    target: string,
    change: (list: WorkbenchHistoryEntry[]) => WorkbenchHistoryEntry[],
  ): Promise<WorkbenchHistoryEntry[]> {
    const run = async () => {
      const data = await this.read();
      const next = change(data.byTarget[target] ?? []).slice(0, this.limit);
      if (next.length === 0) delete data.byTarget[target];
      else data.byTarget[target] = next;
      try {
        await mkdir(this.dataDir, { recursive: true });
        const tmp = `${this.file}.${process.pid}.tmp`;
        await writeFile(tmp, JSON.stringify(data), { mode: 0o600 });
        await rename(tmp, this.file);
      } catch (e) {
        throw new GatehouseError(
          'GH607',
          `Could not save the workbench history: ${e instanceof Error ? e.message : String(e)}`,
          { hint: `Check that ${this.dataDir} is writable (or set GATEHOUSE_DATA_DIR).` },
        );
      }
      return next;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
