/** Turns a response body into what the views show: rows for the grid, a JSON value for the tree, CSV. */
export interface Tabular {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

export type ParsedBody =
  | { readonly kind: 'json'; readonly value: unknown; readonly table: Tabular | null }
  | { readonly kind: 'csv'; readonly table: Tabular }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'empty' };

export function header(headers: readonly (readonly [string, string])[], name: string): string | null {
  const n = name.toLowerCase();
  return headers.find(([k]) => k.toLowerCase() === n)?.[1] ?? null;
}

export function parseBody(body: string, contentType: string | null): ParsedBody {
  if (body === '') return { kind: 'empty' };
  const ct = (contentType ?? '').toLowerCase();
  if (ct.startsWith('text/csv')) return { kind: 'csv', table: parseCsv(body) };
  if (ct.includes('json') || ct === '') {
    try {
      const value: unknown = JSON.parse(body);
      return { kind: 'json', value, table: toTable(value) };
    } catch {
      return { kind: 'text', text: body };
    }
  }
  return { kind: 'text', text: body };
}

/** Arrays of objects (and a single object) become a table; the column order is first-seen order. */
export function toTable(value: unknown): Tabular | null {
  const list = Array.isArray(value) ? value : value !== null && typeof value === 'object' ? [value] : null;
  if (list === null) return null;
  if (!list.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r))) return null;
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of list)
    for (const k of Object.keys(r as object))
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
  return { columns, rows: list.map((r) => columns.map((c) => (r as Record<string, unknown>)[c])) };
}

/** RFC 4180 CSV, as PostgREST writes it (header line first). */
export function parseCsv(text: string): Tabular {
  const records: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      records.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    records.push(row);
  }
  const [head = [], ...rows] = records;
  return { columns: head, rows };
}

export function toCsv(table: Tabular): string {
  const cell = (v: unknown): string => {
    const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [table.columns.map(cell).join(','), ...table.rows.map((r) => r.map(cell).join(','))].join('\n');
}

/** A cell as text: NULL stays visibly NULL, objects as compact JSON. */
export function cellText(v: unknown): string {
  if (v === null) return 'NULL';
  if (v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
