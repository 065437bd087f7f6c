import type { Finding } from '../../shared/contract/advisor.js';
import type { Catalog } from '../../shared/model/catalog.js';
import type { PostgrestConfig } from '../act-as/config/index.js';
import { modelAccess } from './access.js';
import { userOfDbUri, type AdvisorConfig } from './config-view.js';
import { advisorContext, type AdvisorContext } from './context.js';
import { jwtClaimFindings } from './jwt-claims.js';
import { performanceFindings } from './performance.js';
import { rlsFindings } from './rls.js';
import { viewFindings } from './views.js';

/** A loaded PostgREST config as the advisor reads it, when it comes from a connection (nothing assumed). */
export function advisorConfigOf(config: PostgrestConfig): AdvisorConfig {
  return { config, dbUriUser: userOfDbUri(config.dbUri), assumptions: [], problems: [], file: null };
}

/**
 * The advisor's findings about row-level security — tables without RLS, unforced RLS, open or ignored policies,
 * silent denies, views that bypass or expose, obsolete claim settings, the policies' performance — the one
 * implementation the RLS overview's warnings are read from. Pure, no I/O.
 */
export function rlsAdvice(
  catalog: Catalog,
  config: PostgrestConfig,
): { readonly ctx: AdvisorContext; readonly findings: readonly Finding[] } {
  const ctx = advisorContext(catalog, advisorConfigOf(config), modelAccess(catalog));
  const findings = [
    ...rlsFindings(ctx),
    ...viewFindings(ctx),
    ...jwtClaimFindings(ctx),
    ...performanceFindings(ctx).filter((f) => f.link?.view === 'policy'),
  ];
  return { ctx, findings: [...new Map(findings.map((f) => [f.key, f])).values()] };
}
