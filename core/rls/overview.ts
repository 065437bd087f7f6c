import type { Finding } from '../../shared/contract/advisor.js';
import type { RlsOverview, RlsWarning } from '../../shared/contract/rls.js';
import { catalogIndex } from '../../shared/model/catalog-index.js';
import type { Catalog } from '../../shared/model/catalog.js';
import type { PostgrestConfig } from '../act-as/config/index.js';
import { rlsAdvice } from '../advisor/rls-advice.js';

const key = (schema: string, name: string) => `${schema}\0${name}`;

/** The relation a finding is about (its first relation or policy object) and the policy, when one. */
function subjectOf(f: Finding): { relation: string; policy?: string } | null {
  for (const o of f.objects) {
    if (o.kind === 'relation' && o.schema !== null) return { relation: key(o.schema, o.name) };
    if (o.kind === 'policy' && o.schema !== null && o.member !== undefined)
      return { relation: key(o.schema, o.name), policy: o.member };
  }
  return null;
}

/**
 * Every table and view with its RLS state and policy counts by command. Its warnings are the advisor's RLS
 * findings (core/advisor/rls-advice.ts), each attached to the relation it is about: one implementation of "RLS
 * off where requests reach", "not forced", "USING (true) writes", "policies RLS ignores", "views that bypass",
 * "obsolete claim settings". Pure, no I/O.
 */
export function rlsOverview(model: Catalog, config: PostgrestConfig): RlsOverview {
  const index = catalogIndex(model);
  const { ctx, findings } = rlsAdvice(model, config);
  const warnings = new Map<string, RlsWarning[]>();
  for (const f of findings) {
    const s = subjectOf(f);
    if (s === null) continue;
    const list = warnings.get(s.relation) ?? warnings.set(s.relation, []).get(s.relation)!;
    list.push({
      code: f.id,
      severity: f.severity,
      message: f.message,
      ...(s.policy !== undefined ? { policy: s.policy } : {}),
      ...(f.fix !== null ? { fix: f.fix.summary } : {}),
    });
  }
  return {
    requestRoles: ctx.requestRoles.filter((r) => r.exists).map((r) => r.name),
    relations: model.relations.map((r) => {
      const policies = index.policies(r.schema, r.name);
      const counts = { ALL: 0, SELECT: 0, INSERT: 0, UPDATE: 0, DELETE: 0 };
      for (const p of policies) counts[p.command] += 1;
      return {
        schema: r.schema,
        name: r.name,
        kind: r.kind,
        exposed: ctx.isExposed(r.schema),
        rlsEnabled: r.rlsEnabled,
        rlsForced: r.rlsForced,
        owner: r.owner,
        securityInvoker: r.securityInvoker,
        policyCounts: counts,
        policies: policies.map((p) => ({
          name: p.name,
          permissive: p.permissive,
          command: p.command,
          roles: p.roles.map((x) => (x.kind === 'public' ? 'PUBLIC' : x.name)),
          using: p.using,
          withCheck: p.withCheck,
        })),
        warnings: warnings.get(key(r.schema, r.name)) ?? [],
      };
    }),
  };
}
