import type { Finding } from '../../shared/contract/advisor.js';
import { refs } from '../ddl/index.js';
import { grantsFor, rowsFilteredFor, type AdvisorContext } from './context.js';
import { fingerprint, makeFinding, someNames } from './finding.js';
import { relationFingerprint } from './fingerprints.js';
import { alterViewSecurityInvoker } from './fix-ddl.js';
import { FINDINGS } from './registry.js';
import { links } from './links.js';

const label = (r: { schema: string; name: string }) => `${r.schema}.${r.name}`;

/**
 * Exposed views that read RLS-protected tables as their owner (not security_invoker) while the owner is exempt
 * from those tables' policies: the view hands every row to whoever may read it.
 */
export function viewFindings(ctx: AdvisorContext): Finding[] {
  const out: Finding[] = [];
  const major = ctx.catalog.server.major;
  for (const v of ctx.exposedRelations) {
    if (v.kind !== 'view' || v.securityInvoker) continue;
    const readers = ctx.requestRoles.filter(
      (r) => r.exists && grantsFor(ctx, r.name, v).SELECT !== undefined,
    );
    if (readers.length === 0) continue;
    const bypassed = ctx.baseRelationsOf(v).filter((b) => b.rlsEnabled && !rowsFilteredFor(ctx, v.owner, b));
    if (bypassed.length === 0) continue;
    const owner = ctx.role(v.owner);
    const because = owner?.superuser
      ? `its owner ${v.owner} is a superuser`
      : owner?.bypassRls
        ? `its owner ${v.owner} has BYPASSRLS`
        : `it runs as ${v.owner}, exempt as owner`;
    out.push(
      makeFinding(FINDINGS.view_bypasses_rls, {
        object: label(v),
        objects: [
          refs.relation(v.schema, v.name),
          ...bypassed.map((b) => refs.relation(b.schema, b.name)),
          refs.role(v.owner),
        ],
        message: `view ${label(v)} bypasses the RLS of ${bypassed.map(label).join(', ')} (${because}) for ${someNames(readers.map((r) => r.name))}`,
        fingerprint: () =>
          fingerprint(
            relationFingerprint(ctx, v),
            owner ?? null,
            bypassed.map((b) => [label(b), b.rlsForced, b.owner]),
          ),
        fix:
          major >= 15
            ? {
                summary: `Make ${label(v)} security_invoker`,
                statements: [alterViewSecurityInvoker(v.schema, v.name)],
              }
            : null,
        fixNote:
          major >= 15
            ? 'The readers then need SELECT on the tables too, and the tables’ policies decide their rows.'
            : 'PostgreSQL 14 has no security_invoker: give the view to an owner subject to the policies (not the tables’ owner), or force RLS on the tables.',
        link: links.explorer(refs.relation(v.schema, v.name), 'ddl'),
      }),
    );
  }
  return out;
}
