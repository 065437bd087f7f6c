import {
  endpointsOf,
  type AdvisorReport,
  type ReachMap,
  type ReachRole,
} from '../../shared/contract/advisor.js';

const ROWS = { filtered: 'RLS filters rows', unfiltered: 'every row', definer: 'runs as owner' } as const;

/** The report as terminal text: assumptions, then one line per finding naming its objects, then the fix. */
export function formatFindings(report: AdvisorReport, options: { fixes?: boolean } = {}): string {
  const out: string[] = [];
  for (const a of report.assumptions) out.push(`assumed: ${a}`);
  if (report.assumptions.length > 0) out.push('');
  for (const f of report.findings) {
    const ack = f.acknowledged ? ` [acknowledged: ${f.acknowledged.reason}]` : '';
    out.push(`${f.severity.padEnd(7)} ${f.id}  ${f.message}${ack}`);
    if (options.fixes !== false && f.acknowledged === null) {
      if (f.fix)
        for (const s of f.fix.statements) out.push(`          fix: ${s.sql.replace(/\n\s*/g, ' ')};`);
      if (f.fixNote) out.push(`          ${f.fix ? 'note' : 'to do'}: ${f.fixNote}`);
    }
  }
  for (const s of report.staleAcks)
    out.push(`stale   acknowledgement ${s.key} no longer matches (object changed or fixed)`);
  const count = (sev: string) =>
    report.findings.filter((f) => f.severity === sev && f.acknowledged === null).length;
  const acked = report.findings.filter((f) => f.acknowledged !== null).length;
  out.push(
    '',
    `${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info` +
      (acked > 0 ? `, ${acked} acknowledged` : '') +
      ` — ${report.ms.toFixed(0)} ms`,
  );
  return out.join('\n') + '\n';
}

function formatRole(reach: ReachMap, r: ReachRole): string[] {
  const head = `${r.role} (${r.as === 'anon' ? 'db-anon-role' : 'JWT role'})${r.exists ? '' : ' — does not exist'}`;
  const endpoints = endpointsOf(reach, r);
  if (endpoints.length === 0) return [head, '  (nothing)'];
  let width = 0;
  for (const e of endpoints) width = Math.max(width, e.path.length);
  return [
    head,
    ...endpoints.map((e) => {
      const methods = e.methods
        .filter((m) => m.method !== 'HEAD')
        .map((m) => (m.columns === null ? m.method : `${m.method}(${m.columns.join(',')})`))
        .join(' ');
      return `  ${e.path.padEnd(width)}  ${methods.padEnd(24)}  ${ROWS[e.rows]}${e.write ? ', writes' : ''}`;
    }),
  ];
}

/** The reach map as text: per role, each endpoint with its methods (and columns) and whose rows it gets. */
export function formatReach(reach: ReachMap): string {
  const out = [
    `authenticator: ${reach.authenticator ?? '(unknown)'}   exposed schemas: ${reach.schemas.join(', ') || '(none)'}`,
    '',
  ];
  for (const r of reach.roles) out.push(...formatRole(reach, r), '');
  return out.join('\n');
}
