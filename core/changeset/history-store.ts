import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { changeSetHistoryEntrySchema, type ChangeSetHistoryEntry } from '../../shared/contract/changeset.js';
import { GatehouseError } from '../../shared/errors.js';

/** Applied sets kept per database; the oldest beyond this are dropped. */
export const CHANGESET_HISTORY_LIMIT = 200;

const fileSchema = z.object({
  version: z.literal(1),
  byTarget: z.record(z.string(), z.array(z.unknown())),
});
type HistoryFile = { version: 1; byTarget: Record<string, ChangeSetHistoryEntry[]> };

const empty = (): HistoryFile => ({ version: 1, byTarget: {} });

/** One database's key: the same server and database share a history across openings of a connection. */
export function historyTarget(t: { host: string; port: number; database: string }): string {
  return `${t.host}:${t.port}/${t.database}`;
}

/**
 * Every applied change set per database, in `changeset-history.json` of the data dir (the act-as console's
 * history pattern): rewritten through a temp file and a rename, one write at a time. A damaged file, or a
 * damaged entry in it, is dropped rather than failing the studio.
 */
export class ChangeSetHistoryStore {
  readonly file: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    private readonly limit = CHANGESET_HISTORY_LIMIT,
  ) {
    this.file = join(dataDir, 'changeset-history.json');
  }

  private async read(): Promise<HistoryFile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return empty();
      throw e;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return empty();
    }
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) return empty();
    const byTarget: HistoryFile['byTarget'] = {};
    for (const [target, entries] of Object.entries(parsed.data.byTarget)) {
      const ok = entries.flatMap((e) => {
        const r = changeSetHistoryEntrySchema.safeParse(e);
        return r.success ? [r.data] : [];
      });
      if (ok.length > 0) byTarget[target] = ok;
    }
    return { version: 1, byTarget };
  }

  /** Newest first. */
  async list(target: string): Promise<ChangeSetHistoryEntry[]> {
    await this.queue;
    return (await this.read()).byTarget[target] ?? [];
  }

  add(target: string, entry: ChangeSetHistoryEntry): Promise<ChangeSetHistoryEntry[]> {
    const run = async () => {
      const data = await this.read();
      const next = [entry, ...(data.byTarget[target] ?? []).filter((e) => e.id !== entry.id)].slice(
        0,
        this.limit,
      );
      data.byTarget[target] = next;
      try {
        await mkdir(this.dataDir, { recursive: true });
        const tmp = `${this.file}.${process.pid}.tmp`;
        await writeFile(tmp, JSON.stringify(data), { mode: 0o600 });
        await rename(tmp, this.file);
      } catch (e) {
        throw new GatehouseError(
          'GH606',
          `Could not save the change set history: ${e instanceof Error ? e.message : String(e)}`,
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
