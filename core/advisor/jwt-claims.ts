import type { Finding } from '../../shared/contract/advisor.js';
import { refs } from '../ddl/index.js';
import type { AdvisorContext } from './context.js';
import { fingerprint, makeFinding } from './finding.js';
import { functionFingerprint } from './fingerprints.js';
import { FINDINGS } from './registry.js';
import { links } from './links.js';

/** `request.jwt.claim.sub` and the like (not `request.jwt.claims`, which PostgREST sets). */
const OBSOLETE = /request\.jwt\.claim\.([A-Za-z_][A-Za-z0-9_$]*)/g;

function claimsIn(text: string | null): string[] {
  if (text === null) return [];
  return [...new Set([...text.matchAll(OBSOLETE)].map((m) => m[1] ?? ''))];
}

const replacement = (claims: string[]) =>
  claims
    .map((c) => `request.jwt.claim.${c} → current_setting('request.jwt.claims', true)::json ->> '${c}'`)
    .join('; ');

/** Policies and functions that read the per-claim settings PostgREST stopped setting in version 9. */
export function jwtClaimFindings(ctx: AdvisorContext): Finding[] {
  const out: Finding[] = [];
  for (const p of ctx.catalog.policies) {
    const claims = [...new Set([...claimsIn(p.using), ...claimsIn(p.withCheck)])];
    if (claims.length === 0) continue;
    const object = `policy ${p.name} on ${p.schema}.${p.table}`;
    out.push(
      makeFinding(FINDINGS.obsolete_jwt_claim_setting, {
        object,
        objects: [refs.member('policy', p.schema, p.table, p.name), refs.relation(p.schema, p.table)],
        message: `${object} reads ${claims.map((c) => `request.jwt.claim.${c}`).join(', ')}, which PostgREST no longer sets`,
        fingerprint: () => fingerprint(p),
        fix: null,
        fixNote: `Rewrite the expression: ${replacement(claims)}.`,
        link: links.policy(p.schema, p.table, p.name),
      }),
    );
  }
  for (const f of ctx.catalog.functions) {
    if (f.extension !== null) continue;
    const claims = claimsIn(f.source);
    if (claims.length === 0) continue;
    const object = `function ${f.schema}.${f.name}(${f.identityArgs})`;
    out.push(
      makeFinding(FINDINGS.obsolete_jwt_claim_setting, {
        object,
        objects: [refs.function(f.schema, f.name, f.identityArgs)],
        message: `${object} reads ${claims.map((c) => `request.jwt.claim.${c}`).join(', ')}, which PostgREST no longer sets`,
        fingerprint: () => functionFingerprint(ctx, f),
        fix: null,
        fixNote: `Rewrite the body: ${replacement(claims)}.`,
        link: links.explorer(refs.function(f.schema, f.name, f.identityArgs), 'ddl'),
      }),
    );
  }
  return out;
}
