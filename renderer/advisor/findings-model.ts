import { findingKey } from '../../shared/contract/advisor.js';
import type { FocusTarget } from '../../shared/contract/focus.js';
import { refLabel } from '../../shared/model/catalog.js';
import type { FindingDetailView, FindingView } from './api.js';

export type SeverityView = FindingView['severity'];
export const SEVERITIES: readonly SeverityView[] = ['error', 'warning', 'info'];

/** The key an acknowledgement names and the list keys its rows by. */
export const keyOf = (f: FindingView): string => findingKey(f);

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

/** A row of the virtualised list: a severity section's heading, or a finding of it (its place in the section). */
export type ListRow =
  | {
      readonly kind: 'heading';
      readonly severity: SeverityView;
      readonly open: number;
      readonly acked: number;
    }
  | {
      readonly kind: 'finding';
      readonly severity: SeverityView;
      readonly finding: FindingView;
      readonly position: number;
      readonly of: number;
    };

/** The sections flattened into one list of rows, each heading with its open and acknowledged counts. */
export function listRows(findings: readonly FindingView[]): ListRow[] {
  const rows: ListRow[] = [];
  for (const g of groupFindings(findings)) {
    const open = g.findings.filter((f) => f.acknowledged === null).length;
    rows.push({ kind: 'heading', severity: g.severity, open, acked: g.findings.length - open });
    g.findings.forEach((finding, i) =>
      rows.push({ kind: 'finding', severity: g.severity, finding, position: i + 1, of: g.findings.length }),
    );
  }
  return rows;
}

/**
 * Where arrow keys, Home and End move from finding row `from` (an index of `rows`, or -1 for none): the next or
 * previous finding, skipping headings; null when there is none that way.
 */
export function nextFindingRow(rows: readonly ListRow[], from: number, key: string): number | null {
  const findings: number[] = [];
  rows.forEach((r, i) => r.kind === 'finding' && findings.push(i));
  if (findings.length === 0) return null;
  if (key === 'Home') return findings[0]!;
  if (key === 'End') return findings.at(-1)!;
  if (key === 'ArrowDown') return findings.find((i) => i > from) ?? null;
  if (key === 'ArrowUp') return from < 0 ? null : (findings.findLast((i) => i < from) ?? null);
  return null;
}

/** The fix as one script, for the preview. */
export function fixScript(d: FindingDetailView): string {
  return d.fix === null ? '' : d.fix.statements.map((sql) => `${sql};`).join('\n');
}

/** The change-set entries of a fix: each statement with where it came from. */
export function fixStatements(
  f: FindingView,
  d: FindingDetailView,
): { sql: string; origin: { panel: string; object: string; action: string } }[] {
  return (d.fix?.statements ?? []).map((sql) => ({
    sql,
    origin: { panel: 'advisor', object: f.object, action: `fix ${f.id}` },
  }));
}

/** Where a finding's link leads (every one leads where its object is fixed), or null when it has none. */
export function linkTarget(f: FindingView): FocusTarget | null {
  return f.link;
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
    case 'postgrest-config':
      return `Open ${t.key} in the PostgREST configuration`;
  }
}
