/**
 * The columns a request names, for explaining a privilege held on some columns only: the body's keys (or
 * `columns=`) of a write, the plain top-level `select=` items of a read. Embeds and `*` name no column.
 */
export function requestColumns(method: string, path: string, body: string | null): string[] {
  const q = path.indexOf('?');
  const params = new URLSearchParams(q >= 0 ? path.slice(q + 1) : '');
  const m = method.toUpperCase();
  if (m === 'GET' || m === 'HEAD') {
    const select = params.get('select');
    if (select === null) return [];
    return topLevel(select)
      .filter((item) => !item.includes('(') && item !== '*')
      .map((item) => {
        const colon = item.indexOf(':');
        const named = colon >= 0 && item[colon + 1] !== ':' ? item.slice(colon + 1) : item;
        return named.split('::')[0]!.split('->')[0]!.trim();
      })
      .filter((c) => c !== '');
  }
  const listed = params.get('columns');
  if (listed !== null) return listed.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  if (body === null || body.trim() === '') return [];
  try {
    const v: unknown = JSON.parse(body);
    const row: unknown = Array.isArray(v) ? v[0] : v;
    return row !== null && typeof row === 'object' ? Object.keys(row) : [];
  } catch {
    return [];
  }
}

/** Splits a select list on the commas outside parentheses. */
function topLevel(select: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < select.length; i++) {
    const ch = select[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(select.slice(start, i));
      start = i + 1;
    }
  }
  out.push(select.slice(start));
  return out.map((s) => s.trim());
}
