import type { SavedPersona } from '../../shared/contract/act-as-console.js';
import type { Catalog } from '../../shared/model/catalog.js';
import { discoverClaims } from '../act-as/console/claims-discovery.js';

export interface ClaimInUse {
  readonly name: string;
  /** Where it was seen: `policy p on api.t`, `function app.f()`, `persona alice`. */
  readonly usedBy: readonly string[];
}

/** A persona's claims object: its claims JSON, or a pasted token's payload (read, not verified); null if neither. */
function personaClaims(p: SavedPersona): Record<string, unknown> | null {
  let text: string | null = null;
  if (p.kind === 'claims') text = p.claims;
  else if (p.kind === 'jwt') {
    const payload = p.token.split('.')[1];
    text = payload === undefined ? null : Buffer.from(payload, 'base64url').toString('utf8');
  }
  if (text === null) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The JWT claim names a policy editor should offer after `request.jwt.claims ->> '`: those the database reads
 * (policies, views, functions: the console's claim discovery) and those the saved personas carry. The role claim
 * is left out (PostgREST consumes it for SET ROLE). Sorted by name.
 */
export function claimNamesInUse(catalog: Catalog, personas: readonly SavedPersona[]): ClaimInUse[] {
  const found = new Map<string, Set<string>>();
  const note = (name: string, where: string) => {
    if (name === 'role' || name === '') return;
    (found.get(name) ?? found.set(name, new Set()).get(name)!).add(where);
  };
  for (const c of discoverClaims(catalog)) for (const where of c.usedBy) note(c.name, where);
  for (const p of personas) {
    const claims = personaClaims(p);
    if (claims !== null) for (const name of Object.keys(claims)) note(name, `persona ${p.name}`);
  }
  return [...found.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, where]) => ({ name, usedBy: [...where].sort() }));
}

// set_config('app.user_id', …) in a pre-request function: the settings its policies read back.
const SET_CONFIG = /set_config\s*\(\s*'([^']+)'/gi;

/** Settings a function body sets for the request (not PostgREST's own response.* ones). */
export function settingsSetBy(source: string | null): string[] {
  if (source === null) return [];
  const out = new Set<string>();
  for (const m of source.matchAll(SET_CONFIG)) {
    const name = m[1]!;
    if (name.includes('.') && !/^(response|request)\./.test(name)) out.add(name);
  }
  return [...out].sort();
}
