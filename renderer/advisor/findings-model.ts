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
