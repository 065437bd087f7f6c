import type { ConsoleRequest } from './exporters.js';
import type { SavedPersona } from './api.js';

/** One request the console sent, with enough to re-run, edit or export it. */
export interface HistoryEntry {
  readonly id: string;
  readonly at: string;
  readonly request: ConsoleRequest;
  readonly persona: SavedPersona;
  readonly status: number;
  readonly ms: number;
  readonly committed: boolean;
  readonly response: { readonly headers: readonly (readonly [string, string])[]; readonly body: string };
}

const LIMIT = 200;
/** Bodies bigger than this are not kept (the history is for re-running, not archiving). */
const BODY_LIMIT = 64 * 1024;
const keyOf = (connectionId: string) => `gatehouse.actAs.history.${connectionId}`;

export function loadHistory(
  connectionId: string,
  storage: Storage | null = globalThis.localStorage ?? null,
): HistoryEntry[] {
  try {
    const text = storage?.getItem(keyOf(connectionId));
    return text ? (JSON.parse(text) as HistoryEntry[]) : [];
  } catch {
    return [];
  }
}

/** Newest first, at most LIMIT entries; large bodies are cut (and marked). */
export function addHistory(list: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  const body =
    entry.response.body.length > BODY_LIMIT
      ? `${entry.response.body.slice(0, BODY_LIMIT)}\n… (cut)`
      : entry.response.body;
  return [{ ...entry, response: { ...entry.response, body } }, ...list].slice(0, LIMIT);
}

export function saveHistory(
  connectionId: string,
  list: readonly HistoryEntry[],
  storage: Storage | null = globalThis.localStorage ?? null,
): void {
  try {
    storage?.setItem(keyOf(connectionId), JSON.stringify(list));
  } catch {
    // storage full or disabled: the history lives for this session only
  }
}
