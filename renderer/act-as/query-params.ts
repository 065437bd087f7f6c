/** The query string of a path as editable pairs, and back — readable where PostgREST syntax allows. */
export function splitPath(path: string): { base: string; params: [string, string][] } {
  const q = path.indexOf('?');
  if (q < 0) return { base: path, params: [] };
  const params = path
    .slice(q + 1)
    .split('&')
    .filter((p) => p !== '')
    .map((p): [string, string] => {
      const eq = p.indexOf('=');
      return eq < 0 ? [decode(p), ''] : [decode(p.slice(0, eq)), decode(p.slice(eq + 1))];
    });
  return { base: path.slice(0, q), params };
}

/** Encodes what a URL cannot carry, keeps PostgREST's punctuation (`( ) , . : ! * -> "`) readable. */
export function encodePart(s: string): string {
  return encodeURIComponent(s).replace(/%(28|29|2C|2E|3A|21|2A|3E|22|40|24)/gi, (m) => decodeURIComponent(m));
}

export function joinPath(base: string, params: readonly (readonly [string, string])[]): string {
  const kept = params.filter(([k]) => k !== '');
  if (kept.length === 0) return base;
  return `${base}?${kept.map(([k, v]) => `${encodePart(k)}=${encodePart(v)}`).join('&')}`;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
