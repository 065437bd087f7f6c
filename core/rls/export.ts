import { sqlFile } from '../db/sql-files.js';
import { preRequestStatement, settingsStatement, type SqlStatement } from '../act-as/execute/session.js';
import { quoteLiteral } from '../ddl/quote.js';
import { probePersona, type MatrixInput, type Outcome } from './matrix.js';

export type ExportFormat = 'pgtap' | 'sql';

/** A statement with its parameters written as literals, for a file a team runs with psql or pg_prove. */
function inline(s: SqlStatement): string {
  return s.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const v = s.params[Number(n) - 1];
    return v === null || v === undefined ? 'null' : quoteLiteral(v);
  });
}

const expected = (o: Outcome) => ('n' in o ? { n: o.n } : { state: o.state });

/**
 * The matrix as tests that run in the team's own pipeline: per persona, the simulator's session (role, claims,
 * headers, cookies, settings, pre-request), every probe as the persona, then a check per cell as the developer of
 * the exact outcome (row count, or SQLSTATE). In one transaction that is rolled back: nothing changes.
 */
export async function exportMatrixTests(input: MatrixInput, format: ExportFormat): Promise<string> {
  const runs = await Promise.all(input.personas.map((p) => probePersona(input, p)));
  const lines: string[] = [];
  const checks: string[] = [];
  let i = 0;
  const body: string[] = [];
  for (const run of runs) {
    body.push('', `-- persona ${run.persona.name} (role ${run.role.role})`);
    body.push(`${inline(settingsStatement(run.session))};`);
    const pre = preRequestStatement(run.session);
    if (pre) body.push(`${inline(pre)};`);
    const mine: string[] = [];
    for (const p of run.probes) {
      if (p.probe === null || p.outcome === null) continue;
      i += 1;
      body.push(
        `select pg_temp.gh_probe(${i}, ${quoteLiteral(p.probe.sql)}, ${p.probe.count ? 'true' : 'false'});`,
      );
      const what = quoteLiteral(`${run.persona.name} ${p.command} ${p.relation.schema}.${p.relation.name}`);
      const want = quoteLiteral(JSON.stringify(expected(p.outcome)));
      const got = `current_setting('gatehouse.r${i}')::jsonb`;
      mine.push(
        format === 'pgtap'
          ? `select is(${got}, ${want}::jsonb, ${what});`
          : `select pg_temp.gh_expect(${got}, ${want}::jsonb, ${what});`,
      );
    }
    body.push('reset role;', 'reset search_path;');
    checks.push(...mine);
  }
  lines.push(
    format === 'pgtap'
      ? '-- The approved RLS matrix as pgTAP tests (gatehouse matrix). Run: pg_prove -d DATABASE this-file.sql'
      : '-- The approved RLS matrix as plain SQL assertions (gatehouse matrix). Run: psql -v ON_ERROR_STOP=1 -f this-file.sql',
    '-- Every probe runs as its persona in a rolled-back subtransaction, and the whole file is rolled back.',
    'begin;',
  );
  if (format === 'pgtap') lines.push(`select plan(${i});`);
  lines.push(sqlFile('rls/export-prelude.sql').trim());
  lines.push(...body, '', '-- the checks, as the developer', ...checks);
  if (format === 'pgtap') lines.push('select * from finish();');
  lines.push('rollback;', '');
  return lines.join('\n');
}
