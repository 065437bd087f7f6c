import { join } from 'node:path';
import { historyEntrySchema, type WorkbenchHistoryEntry } from '../../shared/contract/workbench.js';
import { KeyedJsonFile } from '../storage/keyed-json-file.js';

/** Runs kept per database. */
export const HISTORY_LIMIT = 500;
/** Scripts longer than this are kept cut (the history is for coming back to a query, not an archive). */
export const HISTORY_SQL_LIMIT = 64 * 1024;

/**
 * The workbench's run history per database (host:port/database, like the act-as console's), in
 * `workbench-history.json` of the data dir; a damaged file is set aside, never fatal.
 */
export class WorkbenchHistoryStore {
  private readonly store: KeyedJsonFile<WorkbenchHistoryEntry>;

  constructor(
    dataDir: string,
    private readonly limit = HISTORY_LIMIT,
  ) {
    this.store = new KeyedJsonFile(
      join(dataDir, 'workbench-history.json'),
      historyEntrySchema,
      'the workbench history',
    );
  }

  list(target: string): Promise<WorkbenchHistoryEntry[]> {
    return this.store.list(target);
  }

  /** Newest first; the oldest runs beyond the limit are dropped. */
  add(target: string, entry: WorkbenchHistoryEntry): Promise<WorkbenchHistoryEntry[]> {
    const kept =
      entry.sql.length > HISTORY_SQL_LIMIT ? { ...entry, sql: entry.sql.slice(0, HISTORY_SQL_LIMIT) } : entry;
    return this.store.update(target, (list) =>
      [kept, ...list.filter((e) => e.id !== entry.id)].slice(0, this.limit),
    );
  }

  clear(target: string): Promise<WorkbenchHistoryEntry[]> {
    return this.store.update(target, () => []);
  }
}
