import type { SavedPersona } from '../../shared/contract/act-as-console.js';
import type { MatrixPersona } from '../../shared/contract/rls.js';

/** The claims of a pasted token, read (not verified) from its payload segment; null when unreadable. */
function tokenClaims(token: string): Record<string, unknown> | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    return json !== null && typeof json === 'object' && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The console's saved personas as matrix personas; ones whose claims are not a JSON object are left out. */
export function matrixPersonas(saved: readonly SavedPersona[]): {
  personas: MatrixPersona[];
  skipped: string[];
} {
  const personas: MatrixPersona[] = [{ name: 'anonymous', claims: null }];
  const skipped: string[] = [];
  for (const p of saved) {
    if (p.kind === 'anon') {
      if (!personas.some((x) => x.name === p.name)) personas.push({ name: p.name, claims: null });
      continue;
    }
    let claims: Record<string, unknown> | null;
    if (p.kind === 'jwt') claims = tokenClaims(p.token);
    else
      try {
        const j: unknown = JSON.parse(p.claims);
        claims =
          j !== null && typeof j === 'object' && !Array.isArray(j) ? (j as Record<string, unknown>) : null;
      } catch {
        claims = null;
      }
    if (claims === null || personas.some((x) => x.name === p.name)) skipped.push(p.name);
    else personas.push({ name: p.name, claims });
  }
  return { personas, skipped };
}
