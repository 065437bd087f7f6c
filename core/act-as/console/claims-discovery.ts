import type { Catalog } from '../../../shared/model/catalog.js';

export interface DiscoveredClaim {
  readonly name: string;
  readonly usedBy: readonly string[];
}

// `current_setting('request.jwt.claims', true)::json ->> 'sub'`, also through nullif(…, '') and casts.
const CLAIMS_KEY = /request\.jwt\.claims'[^;]{0,80}?->>?\s*'([^']+)'/g;
// PostgREST < 9 style: current_setting('request.jwt.claim.sub')
const LEGACY = /request\.jwt\.claim\.([A-Za-z_][A-Za-z0-9_$]*)/g;
// helpers like auth.jwt() ->> 'tenant'
const JWT_FN = /jwt\(\)\s*->>?\s*'([^']+)'/g;

/** Claim names one SQL text reads. */
export function claimsIn(sql: string): string[] {
  const out = new Set<string>();
  for (const re of [CLAIMS_KEY, LEGACY, JWT_FN]) for (const m of sql.matchAll(re)) if (m[1]) out.add(m[1]);
  return [...out];
}

/**
 * The claims a database reads: scans policies (USING, WITH CHECK), view definitions and function bodies. The role
 * claim is left out (PostgREST consumes it); results are sorted by name.
 */
export function discoverClaims(catalog: Catalog): DiscoveredClaim[] {
  const found = new Map<string, Set<string>>();
  const note = (sql: string | null, label: string) => {
    if (!sql || !sql.includes('jwt')) return;
    for (const c of claimsIn(sql)) (found.get(c) ?? found.set(c, new Set()).get(c)!).add(label);
  };
  for (const p of catalog.policies) {
    const label = `policy ${p.name} on ${p.schema}.${p.table}`;
    note(p.using, label);
    note(p.withCheck, label);
  }
  for (const r of catalog.relations) note(r.viewDefinition, `view ${r.schema}.${r.name}`);
  for (const f of catalog.functions) note(f.source, `function ${f.schema}.${f.name}(${f.identityArgs})`);
  return [...found.entries()]
    .filter(([name]) => name !== 'role')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, labels]) => ({ name, usedBy: [...labels].sort() }));
}
