import type { AdvisorReport, Finding, Severity } from '../../shared/contract/advisor.js';
import type { Catalog } from '../../shared/model/catalog.js';
import { modelAccess, type Access } from './access.js';
import { applyAcks, type Acknowledgement } from './ack.js';
import { configFindings } from './config-checks.js';
import type { AdvisorConfig } from './config-view.js';
import { advisorContext } from './context.js';
import { functionFindings } from './functions.js';
import { grantFindings } from './grants.js';
import { jwtClaimFindings } from './jwt-claims.js';
import { performanceFindings } from './performance.js';
import { reachMap } from './reach.js';
import { rlsFindings } from './rls.js';
import { roleFindings } from './roles.js';
import { viewFindings } from './views.js';

export interface AdviseInput {
  readonly catalog: Catalog;
  readonly config: AdvisorConfig;
  readonly acks?: readonly Acknowledgement[];
  readonly ackFile?: string | null;
  /** For tests and benches; otherwise shared/model's privilege rules on the catalog. */
  readonly access?: Access;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Every finding family, in the order a report lists them within one severity. */
const FAMILIES = [
  roleFindings,
  configFindings,
  rlsFindings,
  viewFindings,
  functionFindings,
  grantFindings,
  jwtClaimFindings,
  performanceFindings,
] as const;

/** The whole advisor on one catalog model: findings (acknowledged ones marked) and the reach map. Pure, no I/O. */
export function advise(input: AdviseInput): AdvisorReport {
  const started = performance.now();
  const ctx = advisorContext(input.catalog, input.config, input.access ?? modelAccess(input.catalog));
  const findings: Finding[] = FAMILIES.flatMap((family) => family(ctx));
  // One finding per key: two routes to the same conclusion (e.g. a role flagged as authenticator and request role).
  const unique = [...new Map(findings.map((f) => [f.key, f])).values()];
  unique.sort(
    (a, b) => ORDER[a.severity] - ORDER[b.severity] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const stale = applyAcks(unique, input.acks ?? []);
  const reach = reachMap(ctx);
  return {
    assumptions: ctx.assumptions,
    findings: unique,
    reach,
    ackFile: input.ackFile ?? null,
    staleAcks: stale.map((a) => ({ key: `${a.finding}:${a.object}`, reason: a.reason })),
    ms: performance.now() - started,
  };
}

/** Findings at or above a severity that no acknowledgement covers: what `--fail-on` counts. */
export function openFindings(report: AdvisorReport, atLeast: Severity): Finding[] {
  return report.findings.filter((f) => f.acknowledged === null && ORDER[f.severity] <= ORDER[atLeast]);
}
