import type { FocusTarget } from '../../shared/contract/focus.js';
import { refLabel } from '../../shared/model/catalog.js';
import type { FindingView } from './api.js';

export type SeverityView = FindingView['severity'];
export const SEVERITIES: readonly SeverityView[] = ['error', 'warning', 'info'];

/** Findings grouped by severity (open ones first, acknowledged ones after), for the panel's sections. */
export function groupFindings(
  findings: readonly FindingView[],
): { severity: SeverityView; findings: FindingView[] }[] {
  return SEVERITIES.map((severity) => ({
    severity,
    findings: findings
      .filter((f) => f.severity === severity)
      .sort((a, b) => Number(a.acknowledged !== null) - Number(b.acknowledged !== null)),
  })).filter((g) => g.findings.length > 0);
}

/** The fix as one script, for the preview. */
export function fixScript(f: FindingView): string {
  return f.fix === null ? '' : f.fix.statements.map((s) => `${s.sql};`).join('\n');
}

/** The change-set entries of a fix: each statement with where it came from. */
export function fixStatements(
  f: FindingView,
): { sql: string; origin: { panel: string; object: string; action: string } }[] {
  return (f.fix?.statements ?? []).map((s) => ({
    sql: s.sql,
    origin: { panel: 'advisor', object: f.object, action: `fix ${f.id}` },
  }));
}

/** Where a finding's link leads, or null when no panel shows it (a postgrest.conf setting). */
export function linkTarget(f: FindingView): FocusTarget | null {
  return f.link === null || f.link.view === 'config' ? null : f.link;
}

/** What following the link opens, for its tooltip and accessible name. */
export function linkTitle(f: FindingView): string | null {
  const t = linkTarget(f);
  if (t === null) return null;
  switch (t.view) {
    case 'role':
      return `Open role ${t.role} in Roles`;
    case 'grant':
      return `Open ${refLabel(t.object)}${t.grantee !== null ? ` × ${t.grantee}` : ''} in Grants`;
    case 'default-privileges':
      return `Open the default privileges of ${t.owner} in Grants`;
    case 'policy':
      return `Open ${t.policy !== null ? `policy ${t.policy} on ` : ''}${t.table.schema}.${t.table.name} in RLS`;
    case 'explorer':
      return `Open ${refLabel(t.object)} in the explorer`;
  }
}
