import {
  PRIVILEGE_LETTER,
  type CellPrivilege,
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

export function cellHtml(
  row: MatrixRow,
  column: MatrixColumn,
  ci: number,
  state: readonly CellPrivilege[],
  selected: boolean,
  focused = false,
): string {
  const letters = state.map((p, i) => {
    // A column row holding a privilege through the whole table's grant, not its own: drawn quieter.
    const covered = row.column !== null && p.held !== null && p.held.column === undefined;
    const cls = `priv ${p.held === null ? 'none' : p.held.source}${p.held?.grantable === true && p.held.source !== 'superuser' ? ' grantable' : ''}${covered ? ' covered' : ''}`;
    const label = escapeHtml(`${p.privilege} on ${row.label} for ${column.role}: ${heldText(row, p)}`);
    return `<span role="button" tabindex="0" data-priv="${i}" class="${cls}" aria-label="${label}">${PRIVILEGE_LETTER[p.privilege]}</span>`;
  });
  return `<div class="matrix-cell${selected ? ' selected' : ''}${focused ? ' focused' : ''}" data-ci="${ci}" data-testid="${escapeHtml(`cell:${row.label}:${column.role}`)}">${letters.join('')}</div>`;
}
