import { GatehouseError } from '../../../shared/errors.js';
import type { Migration, MigrationStatement } from '../../../shared/diff/migration.js';
import { refLabel } from '../../../shared/model/catalog.js';
import { oneLine } from '../../changeset/script.js';

/**
 * A migration as SQL text: each statement with its hazards as comments above it. `own` wraps each run of
 * transactional statements in BEGIN/COMMIT (statements PostgreSQL refuses in a transaction stand outside, in
 * their order); `none` leaves transaction control to a tool that wraps each file itself (Flyway, dbmate).
 */
export type TransactionStyle = 'own' | 'none';

export function statementText(s: MigrationStatement): string {
  const sql = s.sql.trimEnd();
  const hazards = s.hazards.map((h) => `-- hazard ${h.kind}: ${oneLine(h.detail)}\n`).join('');
  return `${hazards}${sql}${sql.endsWith(';') ? '' : ';'}\n`;
}

/** Refuses a migration whose statements could not be ordered: its cycles, with their members. */
export function assertOrdered(m: Migration): void {
  if (m.cycles.length === 0) return;
  throw new GatehouseError(
    'GH1009',
    `The migration cannot be ordered: ${m.cycles.length} dependency ${m.cycles.length === 1 ? 'cycle' : 'cycles'}.`,
    {
      details: m.cycles.map((c, i) => `cycle ${i + 1}: ${c.members.map(refLabel).join(' → ')}`).join('\n'),
      hint: 'Leave one of the changes in each cycle out (--exclude-kind), or break the cycle by hand.',
    },
  );
}

export function hasNonTransactional(m: Migration): boolean {
  return m.statements.some((s) => !s.transactional);
}

/**
 * One line per object no statement creates (see Migration.unwritable), for the head of the script and the CLI's
 * stderr: `not written: function app.total(integer): The aggregate … (hint)`.
 */
export function unwritableLines(m: Migration): string[] {
  return m.unwritable.map((u) =>
    oneLine(
      `not written: ${u.object.kind} ${refLabel(u.object)}: ${u.reason}${u.hint !== null ? ` ${u.hint}` : ''}`,
    ),
  );
}

/** The SQL of a migration; empty when there is nothing to do. Objects it cannot write are named on top. */
export function renderMigration(m: Migration, style: TransactionStyle = 'own'): string {
  assertOrdered(m);
  const missing = unwritableLines(m).map((l) => `-- ${l}\n`);
  const head = missing.length > 0 ? `${missing.join('')}\n` : '';
  if (m.statements.length === 0) return head;
  if (style === 'none') return head + m.statements.map(statementText).join('\n');
  const out: string[] = [head];
  let open = false;
  for (const s of m.statements) {
    if (s.transactional && !open) {
      out.push('BEGIN;\n');
      open = true;
    } else if (!s.transactional && open) {
      out.push('COMMIT;\n');
      open = false;
    }
    if (!s.transactional) out.push('\n-- cannot run inside a transaction block\n');
    else out.push('\n');
    out.push(statementText(s));
  }
  if (open) out.push('\nCOMMIT;\n');
  return out.join('');
}

/** The migration's statements grouped as a runner applies them: runs of transactional ones, then each other one. */
export function transactionGroups(
  m: Migration,
): { transactional: boolean; statements: MigrationStatement[] }[] {
  const groups: { transactional: boolean; statements: MigrationStatement[] }[] = [];
  for (const s of m.statements) {
    const last = groups.at(-1);
    if (last && s.transactional && last.transactional) last.statements.push(s);
    else groups.push({ transactional: s.transactional, statements: [s] });
  }
  return groups;
}
