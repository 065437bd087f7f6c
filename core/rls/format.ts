import type { MatrixCell } from '../../shared/contract/rls.js';
import type { CellDifference } from './personas-file.js';

const verdict = (c: MatrixCell | null) =>
  c === null
    ? 'absent'
    : `${c.allowed ? 'allowed' : 'denied'}${c.rows !== undefined ? ` (${c.rows} rows)` : ''}`;

/** The matrix as text: one line per cell, grouped by persona. */
export function formatMatrix(cells: readonly MatrixCell[]): string {
  const out: string[] = [];
  let persona: string | null = null;
  for (const c of cells) {
    if (c.persona !== persona) {
      if (persona !== null) out.push('');
      persona = c.persona;
      out.push(`${persona}:`);
    }
    out.push(`  ${c.relation.padEnd(28)} ${c.command.padEnd(6)} ${verdict(c).padEnd(20)} ${c.reason}`);
  }
  return out.join('\n') + '\n';
}

export function formatDifferences(diffs: readonly CellDifference[]): string {
  return (
    diffs
      .map(
        (d) =>
          `${d.key}: expected ${verdict(d.expected)}, got ${verdict(d.actual)}${d.actual ? ` — ${d.actual.reason}` : ''}`,
      )
      .join('\n') + '\n'
  );
}
