import type { HistoryEntryRecord } from '../../shared/contract/act-as-console.js';
import type { SavedPersona } from './api.js';

/**
 * One request the console sent, with enough to re-run, edit or export it. The host keeps the history per database
 * (actAsConsole.history.*); the persona comes back without its token, so `withLivePersonas` puts the saved one back.
 */
export type HistoryEntry = HistoryEntryRecord;

/** As the host keeps it: at most 500 runs; the tab shows the same newest-first list while the call lands. */
const LIMIT = 500;

/** Newest first, at most LIMIT entries. */
export function addHistory(list: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  return [entry, ...list.filter((e) => e.id !== entry.id)].slice(0, LIMIT);
}

/** The host cuts bodies to this too: no point sending more. */
const BODY_LIMIT = 16 * 1024;

/** Marks a cut body; a body already cut (by the renderer) is not cut twice. */
const CUT = '\n… (cut)';

/** What the renderer sends to be kept: the persona by id and name, never its token or an Authorization header. */
export function toStored(entry: HistoryEntry): HistoryEntry {
  const body = entry.response.body;
  return {
    ...entry,
    response: {
      ...entry.response,
      body: body.length > BODY_LIMIT + CUT.length ? `${body.slice(0, BODY_LIMIT)}${CUT}` : body,
    },
    persona: { ...entry.persona, token: '' },
    request: {
      ...entry.request,
      headers: entry.request.headers.filter(([k]) => k.trim().toLowerCase() !== 'authorization'),
    },
  };
}

/** Entries with the persona as currently saved (token included) where it still exists, for re-run and export. */
export function withLivePersonas(
  entries: readonly HistoryEntry[],
  personas: readonly SavedPersona[],
): HistoryEntry[] {
  const byId = new Map(personas.map((p) => [p.id, p]));
  return entries.map((e) => {
    const live = byId.get(e.persona.id);
    return live ? { ...e, persona: live } : e;
  });
}
