import type { Catalog } from '../../shared/model/catalog.js';
import { switchableRoles } from '../../shared/model/postgrest-roles.js';
import type { ContractPersona, SavedPersona } from './api.js';
import { checkClaims, type ClaimsRules } from './claims.js';

export const ANONYMOUS: SavedPersona = {
  id: 'anonymous',
  name: 'anonymous',
  kind: 'anon',
  claims: '',
  token: '',
};

/** The persona as the simulator takes it, or why it cannot be sent (claims that do not parse). */
export function toContractPersona(
  p: SavedPersona,
  rules: ClaimsRules,
): { persona: ContractPersona } | { error: string } {
  if (p.kind === 'anon') return { persona: { type: 'anon' } };
  if (p.kind === 'jwt') {
    const token = p.token.trim().replace(/^Bearer\s+/i, '');
    return token === '' ? { error: 'Paste a token first.' } : { persona: { type: 'jwt', token } };
  }
  const c = checkClaims(p.claims, rules);
  if (!c.ok || c.claims === null)
    return { error: c.problems.find((x) => x.severity === 'error')?.message ?? 'The claims are not valid.' };
  return { persona: { type: 'claims', claims: c.claims } };
}

/** The authenticator of a db-uri (`postgres://authenticator:…@host/db`), or null. */
export function authenticatorOf(dbUri: unknown): string | null {
  if (typeof dbUri !== 'string' || dbUri === '') return null;
  try {
    const u = new URL(dbUri);
    return u.username ? decodeURIComponent(u.username) : null;
  } catch {
    const m = /(?:^|\s)user\s*=\s*'?([^'\s]+)/.exec(dbUri);
    return m?.[1] ?? null;
  }
}

/**
 * Roles for the role picker: the request roles first (those the authenticator may SET ROLE to under the server's
 * rules, see shared/model/postgrest-roles.ts, plus the anonymous role), then every other non-system role.
 */
export function roleChoices(
  catalog: Catalog | null,
  authenticator: string | null,
  anonRole: string | null,
): { request: string[]; others: string[] } {
  if (!catalog) return { request: anonRole ? [anonRole] : [], others: [] };
  const all = catalog.roles.filter((r) => !r.isSystem).map((r) => r.name);
  const request = new Set<string>();
  if (anonRole) request.add(anonRole);
  // Without the authenticator in db-uri, act-as switches roles from the developer's own login.
  const login = authenticator ?? catalog.server.sessionUser;
  if (login) for (const r of switchableRoles(catalog, login)) request.add(r);
  const known = new Set(all);
  const req = [...request].filter((r) => known.has(r));
  return { request: req, others: all.filter((r) => !request.has(r)).sort() };
}

export function newPersonaId(): string {
  return `p${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}
