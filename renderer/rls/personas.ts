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

/**
 * A saved persona's headers as the matrix takes them: the `Cookie` header split into cookies (PostgREST's
 * request.cookies), the others by name. A cookie session (the postgrest-sessions pattern) thus reaches the
 * pre-request function in the matrix as it does in the console.
 */
function sessionOf(p: SavedPersona): Pick<MatrixPersona, 'headers' | 'cookies'> {
  const headers: Record<string, string> = {};
  const cookies: Record<string, string> = {};
  for (const [name, value] of p.headers ?? []) {
    if (name.toLowerCase() !== 'cookie') {
      headers[name.toLowerCase()] = value;
      continue;
    }
    // As PostgREST reads the header (Web.Cookie's parseCookies): leading blanks dropped, no "=" is an empty value.
    for (const raw of value.split(';')) {
      const part = raw.replace(/^ +/, '');
      if (part === '') continue;
      const eq = part.indexOf('=');
      if (eq === -1) cookies[part] = '';
      else cookies[part.slice(0, eq)] = part.slice(eq + 1);
    }
  }
  return {
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(Object.keys(cookies).length > 0 ? { cookies } : {}),
  };
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
      if (!personas.some((x) => x.name === p.name))
        personas.push({ name: p.name, claims: null, ...sessionOf(p) });
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
    else personas.push({ name: p.name, claims, ...sessionOf(p) });
  }
  return { personas, skipped };
}
