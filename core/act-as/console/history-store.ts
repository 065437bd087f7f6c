import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { historyEntrySchema, type HistoryEntryRecord } from '../../../shared/contract/act-as-console.js';
import { GatehouseError } from '../../../shared/errors.js';

/** Runs kept per database: enough to come back to, small enough to rewrite on every run. */
export const HISTORY_LIMIT = 500;
/** Response bodies longer than this are cut (the history is for re-running, not archiving). */
export const HISTORY_BODY_LIMIT = 16 * 1024;

/** Marks a cut body; a body already cut (by the renderer) is not cut twice. */
const CUT = '\n… (cut)';

const fileSchema = z.object({
  version: z.literal(1),
  byTarget: z.record(z.string(), z.array(historyEntrySchema)),
});
type HistoryFile = z.infer<typeof fileSchema>;

/** What is kept of a run: no token, no Authorization header, a bounded body. */
export function historyRecord(entry: HistoryEntryRecord): HistoryEntryRecord {
  const body = entry.response.body;
  return {
    ...entry,
    request: {
      ...entry.request,
      headers: entry.request.headers.filter(([k]) => k.trim().toLowerCase() !== 'authorization'),
    },
    persona: { ...entry.persona, token: '' },
    response: {
      ...entry.response,
      body:
        body.length > HISTORY_BODY_LIMIT + CUT.length ? `${body.slice(0, HISTORY_BODY_LIMIT)}${CUT}` : body,
    },
  };
}

/**
 * The console's run history per database (keyed like the personas), in `act-as-history.json` of the data dir.
 * Writes go through a temp file and a rename, one at a time.
 */
export class HistoryStore {
  private readonly file: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    private readonly limit = HISTORY_LIMIT,
  ) {
    this.file = join(dataDir, 'act-as-history.json');
  }

  private async read(): Promise<HistoryFile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, byTarget: {} };
      throw e;
    }
    try {
      const parsed = fileSchema.safeParse(JSON.parse(text) as unknown);
      // A damaged file is not fatal: start over rather than lose the console.
      return parsed.success ? parsed.data : { version: 1, byTarget: {} };
    } catch {
      return { version: 1, byTarget: {} };
    }
  }

  async list(target: string): Promise<HistoryEntryRecord[]> {
    await this.queue;
    return (await this.read()).byTarget[target] ?? [];
  }

  /** Newest first; the oldest runs beyond the limit are dropped. */
  add(target: string, entry: HistoryEntryRecord): Promise<HistoryEntryRecord[]> {
    return this.update(target, (list) => [historyRecord(entry), ...list.filter((e) => e.id !== entry.id)]);
  }

  clear(target: string): Promise<HistoryEntryRecord[]> {
    return this.update(target, () => []);
  }

  private update(
    target: string,
    change: (list: HistoryEntryRecord[]) => HistoryEntryRecord[],
  ): Promise<HistoryEntryRecord[]> {
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
          'GH520',
          `Could not save the console history: ${e instanceof Error ? e.message : String(e)}`,
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
