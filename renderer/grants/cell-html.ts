import {
  PRIVILEGE_LETTER,
  type CellPrivilege,
  type MatrixCells,
  type MatrixColumn,
  type MatrixRow,
} from '../../shared/grants/matrix.js';

/**
 * The matrix's cells as HTML: scrolling fast brings a few thousand letters into view per frame, and React creating
 * each one cost most of the frame; the browser's parser builds them from one string per row far quicker. Events
 * are delegated (GrantsMatrix reads data-ci and data-priv; a click while a change is being planned is ignored
 * there, so that a row is not rebuilt, losing the focused letter, when one is). Every value is escaped here.
 */

const SOURCE_TEXT = {
  direct: 'granted directly',
  public: 'via PUBLIC',
  inherited: 'inherited',
  predefined: 'through a predefined role',
  superuser: 'superuser',
} as const;

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** What the letter's label says about how the privilege is held. */
export function heldText(row: MatrixRow, p: CellPrivilege): string {
  if (p.held === null) return 'not held';
  const covered = row.column !== null && p.held.column === undefined;
  const via = p.held.source === 'inherited' || p.held.source === 'predefined' ? ` from ${p.held.via}` : '';
  return `${SOURCE_TEXT[p.held.source]}${via}${p.held.grantable ? ', with grant option' : ''}${covered ? ', on the whole table' : ''}`;
}

/**
 * How much of a row is written. `full`: every cell, every letter a focusable button with its label. `light`, for
 * the rows that come into view while the matrix scrolls: only the cells holding something and in them only the
 * letters held (a not-held letter is blank unless its row is pointed at or selected, see grants.css), each at its
 * own place (a cell's grid column is given; the `skip-N` class stands for the N blank letters before a letter),
 * clickable but without label or tab stop — a fast scroll brings a few thousand letters into view per frame, most of
 * them not held. GrantsMatrix writes the row in full once the scroll comes to rest.
 */
export type CellDetail = 'full' | 'light';

/** The cells c0..c1 of a row, for its grid (the object's head, a spacer, then the cells: c0 is grid column 3). */
export function rowCellsHtml(
  row: MatrixRow,
  columns: readonly MatrixColumn[],
  c0: number,
  c1: number,
  cells: MatrixCells,
  selection: { readonly sel0: number; readonly sel1: number; readonly focusCol: number },
  detail: CellDetail,
): string {
  let html = '';
  for (let ci = c0; ci <= c1; ci++) {
    const c = columns[ci]!;
    const selected = ci >= selection.sel0 && ci <= selection.sel1;
    const focused = ci === selection.focusCol;
    const state = cells.cell(row, c);
    if (detail === 'full' || selected || focused) html += cellHtml(row, c, ci, state, selected, focused);
    else if (state.some((p) => p.held !== null))
      html += cellHtml(row, c, ci, state, false, false, 'light', ci - c0 + 3);
  }
  return html;
}

export function cellHtml(
  row: MatrixRow,
  column: MatrixColumn,
  ci: number,
  state: readonly CellPrivilege[],
  selected: boolean,
  focused = false,
  detail: CellDetail = 'full',
  /** Light cells only: the cell's grid column (the empty cells before it are not written). */
  gridColumn = 0,
): string {
  // A selected or focused cell shows its blank letters: always written in full.
  const light = detail === 'light' && !selected && !focused;
  let letters = '';
  let skipped = 0;
  for (let i = 0; i < state.length; i++) {
    const p = state[i]!;
    if (light && p.held === null) {
      skipped++;
      continue;
    }
    // A column row holding a privilege through the whole table's grant, not its own: drawn quieter.
    const covered = row.column !== null && p.held !== null && p.held.column === undefined;
    const cls = `priv ${p.held === null ? 'none' : p.held.source}${p.held?.grantable === true && p.held.source !== 'superuser' ? ' grantable' : ''}${covered ? ' covered' : ''}`;
    const letter = PRIVILEGE_LETTER[p.privilege];
    if (light) {
      letters += `<span data-priv="${i}" class="${cls}${skipped > 0 ? ` skip-${skipped}` : ''}">${letter}</span>`;
      skipped = 0;
      continue;
    }
    const label = escapeHtml(`${p.privilege} on ${row.label} for ${column.role}: ${heldText(row, p)}`);
    letters += `<span role="button" tabindex="0" data-priv="${i}" class="${cls}" aria-label="${label}">${letter}</span>`;
  }
  const place = light ? ` style="grid-column:${gridColumn}"` : '';
  return `<div class="matrix-cell${selected ? ' selected' : ''}${focused ? ' focused' : ''}"${place} data-ci="${ci}" data-testid="${escapeHtml(`cell:${row.label}:${column.role}`)}">${letters}</div>`;
}
