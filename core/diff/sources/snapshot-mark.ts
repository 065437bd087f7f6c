/** What marks a snapshot file (snapshot.ts), apart from the model's schemas it is checked against. */
export const SNAPSHOT_MARK = 'gatehouse-snapshot';

/** Whether a file's text looks like a snapshot (to tell it from a .sql file without trusting its name). */
export function looksLikeSnapshot(text: string): boolean {
  return /^\s*\{/.test(text) && text.includes(`"${SNAPSHOT_MARK}"`);
}
