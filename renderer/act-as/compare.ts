import { plural } from '../../shared/text/plural.js';
import { parseBody, header, type Tabular } from './response-body.js';

/** One persona's answer to the same request. */
export interface CompareInput {
  readonly persona: string;
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
}

export interface CompareRow {
  readonly key: string;
  /** Per persona (input order): the row, or null when that persona does not see it. */
  readonly cells: readonly (Record<string, unknown> | null)[];
  /** Seen by some personas only. */
  readonly partial: boolean;
  /** Seen by several personas with different values: the columns that differ. */
  readonly differingColumns: readonly string[];
}

export interface CompareResult {
  readonly personas: readonly string[];
  readonly statuses: readonly number[];
  readonly statusesDiffer: boolean;
  /** Per persona: its status is not the one most personas got (the first persona's on a tie). */
  readonly oddStatus: readonly boolean[];
  readonly columns: readonly string[];
  /** null when some answer is not a JSON array/object of rows (then compare bodies as text). */
  readonly rows: readonly CompareRow[] | null;
  readonly bodiesDiffer: boolean;
  /** The column used to match rows across personas (primary key or `id`), or null for whole-row matching. */
  readonly keyColumn: string | null;
}

/**
 * Lines up the rows several personas got for the same request: rows are matched by the key column (the primary
 * key when known, else `id`, else the whole row), and each row says who sees it and which columns differ.
 */
export function compareResponses(
  inputs: readonly CompareInput[],
  keyColumns: readonly string[] = [],
): CompareResult {
  const statuses = inputs.map((i) => i.status);
  const tables = inputs.map((i): Tabular | null => {
    if (i.status >= 400) return { columns: [], rows: [] };
    const p = parseBody(i.body, header(i.headers, 'content-type'));
    if (p.kind === 'json')
      return p.table ?? (Array.isArray(p.value) && p.value.length === 0 ? { columns: [], rows: [] } : null);
    if (p.kind === 'csv') return p.table;
    if (p.kind === 'empty') return { columns: [], rows: [] };
    return null;
  });
  const base = {
    personas: inputs.map((i) => i.persona),
    statuses,
    statusesDiffer: new Set(statuses).size > 1,
    oddStatus: oddOnes(statuses),
    bodiesDiffer: new Set(inputs.map((i) => i.body)).size > 1,
  };
  if (tables.some((t) => t === null)) return { ...base, columns: [], rows: null, keyColumn: null };
  const ts = tables as Tabular[];
  const columns: string[] = [];
  for (const t of ts) for (const c of t.columns) if (!columns.includes(c)) columns.push(c);
  const candidates = [...keyColumns, 'id'];
  const keyColumn =
    candidates.find((k) => ts.every((t) => t.rows.length === 0 || t.columns.includes(k))) ?? null;
  const order: string[] = [];
  const byKey = new Map<string, (Record<string, unknown> | null)[]>();
  ts.forEach((t, pi) => {
    const dup = new Map<string, number>();
    for (const r of t.rows) {
      const obj: Record<string, unknown> = {};
      t.columns.forEach((c, ci) => (obj[c] = r[ci]));
      let k = keyColumn !== null ? JSON.stringify(obj[keyColumn]) : stableJson(obj);
      // identical rows seen twice by one persona stay distinct rows
      const n = dup.get(k) ?? 0;
      dup.set(k, n + 1);
      if (n > 0) k = `${k}#${n}`;
      let cells = byKey.get(k);
      if (!cells) {
        cells = inputs.map(() => null);
        byKey.set(k, cells);
        order.push(k);
      }
      cells[pi] = obj;
    }
  });
  const rows: CompareRow[] = order.map((k) => {
    const cells = byKey.get(k)!;
    const present = cells.filter((c): c is Record<string, unknown> => c !== null);
    const differingColumns =
      present.length > 1
        ? columns.filter((c) => new Set(present.map((p) => stableJson(p[c] ?? null))).size > 1)
        : [];
    return { key: k, cells, partial: present.length < cells.length, differingColumns };
  });
  return { ...base, columns, rows, keyColumn };
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** Which statuses are not the most common one (ties go to the status met first). */
export function oddOnes(statuses: readonly number[]): boolean[] {
  const counts = new Map<number, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  let common: number | undefined;
  for (const [s, n] of counts) if (common === undefined || n > (counts.get(common) ?? 0)) common = s;
  return statuses.map((s) => s !== common);
}

/** One line above the table: what differs, counted, so a glance says whether the personas see the same thing. */
export function compareSummary(c: CompareResult): string {
  const status = c.statusesDiffer ? 'Statuses differ.' : `Every persona gets ${c.statuses[0] ?? ''}.`;
  if (c.rows === null)
    return `${status} ${c.bodiesDiffer ? 'The bodies differ (compared as text).' : 'The bodies are the same.'}`;
  const rows = (n: number) => `${n} ${plural(n, 'row')}`;
  const partial = c.rows.filter((r) => r.partial).length;
  const differing = c.rows.filter((r) => !r.partial && r.differingColumns.length > 0).length;
  if (partial === 0 && differing === 0)
    return `${status} Every persona sees the same ${rows(c.rows.length)}.`;
  const parts = [
    ...(partial > 0 ? [`${rows(partial)} seen by only some personas`] : []),
    ...(differing > 0 ? [`${rows(differing)} with different values`] : []),
  ];
  return `${status} ${parts.join(', ')}.`;
}
