import { join } from 'node:path';
import { historyEntrySchema, type HistoryEntryRecord } from '../../../shared/contract/act-as-console.js';
import { KeyedJsonFile } from '../../storage/keyed-json-file.js';

/** Runs kept per database: enough to come back to, small enough to rewrite on every run. */
export const HISTORY_LIMIT = 500;
/** Response bodies longer than this are cut (the history is for re-running, not archiving). */
export const HISTORY_BODY_LIMIT = 16 * 1024;

/** Marks a cut body; a body already cut (by the renderer) is not cut twice. */
const CUT = '\n… (cut)';

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
 * The console's run history per database (keyed like the personas), in `act-as-history.json` of the data dir;
 * a damaged file is set aside, never fatal.
 */
export class HistoryStore {
  private readonly store: KeyedJsonFile<HistoryEntryRecord>;

  constructor(
    dataDir: string,
    private readonly limit = HISTORY_LIMIT,
  ) {
    this.store = new KeyedJsonFile(
      join(dataDir, 'act-as-history.json'),
      historyEntrySchema,
      'the console history',
    );
  }

  list(target: string): Promise<HistoryEntryRecord[]> {
    return this.store.list(target);
  }

  /** Newest first; the oldest runs beyond the limit are dropped. */
  add(target: string, entry: HistoryEntryRecord): Promise<HistoryEntryRecord[]> {
    return this.store.update(target, (list) =>
      [historyRecord(entry), ...list.filter((e) => e.id !== entry.id)].slice(0, this.limit),
    );
  }

  clear(target: string): Promise<HistoryEntryRecord[]> {
    return this.store.update(target, () => []);
  }
}
