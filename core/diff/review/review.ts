import type { DiffReview, ReviewConfig, RoleReview } from '../../../shared/diff/review.js';
import type { Catalog } from '../../../shared/model/catalog.js';
import { endpointItems } from './endpoint-changes.js';
import { compareItems, ranked } from './item.js';
import { policyItems } from './policy-changes.js';
import { pairAuthenticator, sideReach, type SideReach } from './side.js';

function columnsOf(side: SideReach) {
  return (schema: string, name: string): ReadonlySet<string> =>
    new Set((side.ctx.relation(schema, name)?.columns ?? []).map((c) => c.name));
}

/**
 * What changes for whom between two models under one PostgREST configuration: for db-anon-role and every role
 * the authenticator may become (on either side), the endpoints, methods, columns and RPCs gained or lost and
 * the policies that change for it, each as a sentence, most dangerous first. Pure: two models and a config in,
 * the review out — the privilege answers are shared/model's, the reach the advisor's.
 */
export function reviewModels(from: Catalog, to: Catalog, config: ReviewConfig): DiffReview {
  const assumptions: string[] = [];
  const authenticator = pairAuthenticator(from, to, config, assumptions);
  const before = sideReach(from, config, authenticator);
  const after = sideReach(to, config, authenticator);
  for (const [side, s] of [
    ['source', before],
    ['target', after],
  ] as const) {
    if (authenticator !== null && s.authenticator === null)
      assumptions.push(
        `The ${side} side has no role ${authenticator}: only the anonymous role is reviewed there.`,
      );
    const missing = config.schemas.filter((x) => !s.ctx.isExposed(x));
    if (missing.length > 0)
      assumptions.push(
        `The ${side} side has no schema ${missing.join(', ')} of db-schemas: nothing is exposed from it there.`,
      );
  }
  assumptions.push(
    'Policies are reviewed on the tables each role reads through its endpoints (directly or through security_invoker views); functions may read others.',
  );

  const names = [...new Set([...before.roles.keys(), ...after.roles.keys()])];
  const roles: RoleReview[] = names.map((name) => {
    const b = before.roles.get(name);
    const a = after.roles.get(name);
    const role = (a ?? b)!.role;
    const who = { role: name, as: role.as };
    const items = [
      ...endpointItems(
        who,
        b?.endpoints ?? new Map(),
        a?.endpoints ?? new Map(),
        columnsOf(before),
        columnsOf(after),
      ),
      ...policyItems(who, before, after),
    ]
      .map(ranked)
      .sort(compareItems);
    return {
      role: name,
      as: role.as,
      before: (b?.role.exists ?? false) && from.roles.some((r) => r.name === name),
      after: (a?.role.exists ?? false) && to.roles.some((r) => r.name === name),
      items,
    };
  });
  roles.sort(
    (x, y) =>
      Number(x.as !== 'anon') - Number(y.as !== 'anon') || (x.role < y.role ? -1 : x.role > y.role ? 1 : 0),
  );
  return {
    config,
    authenticator: { before: before.authenticator, after: after.authenticator },
    items: roles.flatMap((r) => r.items).sort(compareItems),
    roles,
    assumptions,
  };
}
