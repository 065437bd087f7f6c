import type {
  ChangeOrigin,
  ChangeSetHistoryEntry,
  ScriptRange,
  StatementPhase,
} from '../../shared/contract/changeset.js';
import { plural } from '../../shared/text/plural.js';

export interface ScriptStatement {
  readonly id: string;
  readonly sql: string;
  readonly origin: ChangeOrigin;
  readonly phase: StatementPhase;
  readonly reason: string | null;
}

/** A comment line can never end early or swallow the next line. */
export const oneLine = (s: string): string => s.replace(/[\r\n]+/g, ' ').trim();

export function originLabel(origin: ChangeOrigin): string {
  return [origin.panel, origin.object, origin.action].map(oneLine).filter(Boolean).join(' · ');
}

/**
 * The pending set as the script apply runs: the transactional statements in order, then those that cannot run
 * in a transaction. Each statement is preceded by a comment naming its number and origin; `ranges` says where
 * each statement's own text sits, so an error position inside a statement maps to the script.
 */
export function previewScript(statements: readonly ScriptStatement[]): {
  script: string;
  ranges: ScriptRange[];
} {
  const numbered = statements.map((s, i) => ({ ...s, n: i + 1 }));
  const inTx = numbered.filter((s) => s.phase === 'transaction');
  const after = numbered.filter((s) => s.phase === 'after');
  const chunks: string[] = [];
  let length = 0;
  let line = 1;
  const ranges: ScriptRange[] = [];
  const emit = (text: string) => {
    chunks.push(text);
    length += text.length;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) line++;
  };
  const count = `${statements.length} ${plural(statements.length, 'statement')}`;
  emit(
    statements.length === 0
      ? '-- The change set is empty.\n'
      : after.length === 0
        ? `-- Gatehouse change set: ${count}, applied in one transaction.\n`
        : `-- Gatehouse change set: ${count}; ${inTx.length} in one transaction, then ${after.length} after it.\n`,
  );
  const put = (s: (typeof numbered)[number]) => {
    emit(`\n-- [${s.n}] ${originLabel(s.origin)}${s.reason ? ` (${oneLine(s.reason)})` : ''}\n`);
    ranges.push({ id: s.id, start: length, end: length + s.sql.length, line });
    emit(`${s.sql};\n`);
  };
  inTx.forEach(put);
  if (after.length > 0) {
    emit('\n-- After COMMIT, one by one and only when confirmed: these cannot run inside a transaction.\n');
    after.forEach(put);
  }
  const byId = new Map(ranges.map((r) => [r.id, r]));
  return { script: chunks.join(''), ranges: statements.map((s) => byId.get(s.id)!) };
}

/**
 * Applied change sets as one migration file, oldest first: a header comment saying where and when they were
 * applied, then the statements that changed the database, each under a comment naming its origin. No
 * BEGIN/COMMIT: `gatehouse apply` replays the file with the same guarantees (one transaction, the statements
 * that cannot run in one after it); statements that did not apply are only named in a comment.
 */
export function migrationFile(
  entries: readonly ChangeSetHistoryEntry[],
  meta: { version: string; now: Date },
): string {
  const ordered = [...entries].sort((a, b) => a.at.localeCompare(b.at));
  const first = ordered[0];
  const out: string[] = [
    `-- Migration exported by Gatehouse ${meta.version} on ${meta.now.toISOString()}`,
    ...(first
      ? [
          `-- Database "${oneLine(first.database)}" on ${oneLine(first.server.host)}:${first.server.port} (PostgreSQL ${oneLine(first.server.version)})`,
        ]
      : []),
    `-- ${ordered.length} change ${plural(ordered.length, 'set')}. Apply with: gatehouse apply FILE --db URI`,
    '-- (one transaction; statements that cannot run in one are marked and run after it).',
  ];
  ordered.forEach((e, k) => {
    out.push(
      '',
      `-- Change set ${k + 1}: applied ${e.at} by ${oneLine(e.user)} from the ${e.source} (${e.outcome}: ${oneLine(e.summary)})`,
    );
    const tx = e.statements.filter((s) => s.phase === 'transaction' && s.status === 'applied');
    const after = e.statements.filter((s) => s.phase === 'after' && s.status === 'applied');
    const skipped = e.statements.filter((s) => s.status !== 'applied');
    if (skipped.length > 0)
      out.push(
        `-- Not applied, left out: ${skipped.map((s) => `${originLabel(s.origin)} (${s.status})`).join('; ')}`,
      );
    for (const s of tx) out.push(`-- ${originLabel(s.origin)}`, `${s.sql};`);
    for (const s of after)
      out.push(`-- ${originLabel(s.origin)} (ran after the transaction: cannot run inside one)`, `${s.sql};`);
  });
  return out.join('\n') + '\n';
}
