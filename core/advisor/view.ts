import type {
  AdvisorReport,
  AdvisorView,
  Finding,
  FindingDetail,
  FindingRow,
} from '../../shared/contract/advisor.js';
import { MAX_REACH_PAIRS, reachPairs, reachTotals } from '../../shared/contract/advisor.js';

/**
 * The report as the studio's panel draws it: each definition's title and paragraph once, each finding as the row
 * the list shows. Objects, roles and fixes wait for `findingDetail` (a list of thousands draws none of them); a
 * reach map above MAX_REACH_PAIRS goes as each role's totals, a role's endpoints when it is picked.
 */
export function reportView(report: AdvisorReport): AdvisorView {
  const definitions: AdvisorView['definitions'] = {};
  const findings: FindingRow[] = [];
  for (const f of report.findings) {
    definitions[f.id] ??= { severity: f.severity, title: f.title, why: f.why };
    findings.push({
      id: f.id,
      severity: f.severity,
      object: f.object,
      message: f.message,
      hasFix: f.fix !== null,
      link: f.link,
      acknowledged: f.acknowledged,
    });
  }
  const { findings: _all, ...rest } = report;
  const complete = reachPairs(report.reach) <= MAX_REACH_PAIRS;
  return {
    ...rest,
    definitions,
    findings,
    reach: complete
      ? report.reach
      : { ...report.reach, endpoints: [], roles: report.reach.roles.map((r) => ({ ...r, runs: [] })) },
    reachComplete: complete,
    reachTotals: reachTotals(report.reach),
  };
}

/** What an opened finding shows besides its row: the objects, the roles, the fix's SQL and note. */
export function findingDetail(f: Finding): FindingDetail {
  return {
    key: f.key,
    objects: f.objects,
    roles: f.roles,
    fix: f.fix === null ? null : { summary: f.fix.summary, statements: f.fix.statements.map((s) => s.sql) },
    fixNote: f.fixNote,
  };
}
