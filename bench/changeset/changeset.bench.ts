import type { Bench } from '../bench.js';
import { measure, summarise } from '../bench.js';
import { placeStatements } from '../../core/changeset/classify.js';
import { previewScript } from '../../core/changeset/script.js';
import { splitSql } from '../../core/changeset/split.js';

/** A 5,000-statement migration: grants, comments with `;` in dollar quotes, functions, trailing comments. */
export function generateMigration(statements = 5000): string {
  const out: string[] = [];
  for (let i = 0; out.length < statements; i++) {
    out.push(`-- table ${i}\nGRANT SELECT (name), UPDATE (note) ON api.t_${i} TO "app_user"`);
    out.push(`COMMENT ON TABLE api.t_${i} IS $$a; b -- not a comment ${i}$$ /* trailing */`);
    out.push(
      `CREATE FUNCTION api.f_${i}() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN ${i}; END; $body$`,
    );
    out.push(`ALTER TYPE api.status_${i % 50} ADD VALUE IF NOT EXISTS 'v${i}'`);
  }
  return out.slice(0, statements).join(';\n') + ';\n';
}

/** What the host does with a pasted file or a panel's batch: split, place, and render the preview. */
export const changesetBench: Bench = {
  name: 'changeset',
  async run(log) {
    const text = generateMigration();
    log(`${(text.length / 1024).toFixed(0)} KiB of SQL, 5,000 statements`);
    let count = 0;
    const times = await measure(async () => {
      const parsed = await splitSql(text);
      const placements = placeStatements(parsed, 180000);
      previewScript(
        parsed.map((p, i) => ({
          id: String(i),
          sql: p.sql,
          origin: { panel: 'bench', object: '', action: 'migration' },
          phase: placements[i]!.phase,
          reason: placements[i]!.reason,
        })),
      );
      count = parsed.length;
    }, 5);
    if (count !== 5000) throw new Error(`split into ${count} statements, expected 5000`);
    return [summarise('changeset: split + place + preview, 5,000 statements', times, { targetMs: 500 })];
  },
};
