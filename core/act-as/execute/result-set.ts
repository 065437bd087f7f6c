/** The one row of the main statement, decoded (PostgREST's ResultSet). */
export interface ResultSet {
  /** Total rows when a count was requested (null when not counted). */
  readonly tableTotal: number | null;
  /** Rows in this page / rows affected. */
  readonly queryTotal: number;
  /** Location parts of an insert (`[column, "eq.value"]`), empty otherwise. */
  readonly location: readonly (readonly [string, string])[];
  readonly body: string;
  /** response.headers GUC text (a JSON array of one-key objects) when set. */
  readonly gucHeaders: string | null;
  /** response.status GUC text when set. */
  readonly gucStatus: string | null;
  /** Upserts: rows actually inserted; null when not an upsert. */
  readonly inserted: number | null;
}

const optNumber = (v: unknown): number | null =>
  v === null || v === undefined || v === '' ? null : Number.isFinite(Number(v)) ? Number(v) : null;

const optText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Decodes the statement's row; a missing row (a write that matched nothing) is the empty result. */
export function decodeResultSet(row: Record<string, unknown> | undefined, isCall: boolean): ResultSet {
  if (!row)
    return {
      tableTotal: isCall ? 0 : null,
      queryTotal: 0,
      location: [],
      body: '',
      gucHeaders: null,
      gucStatus: null,
      inserted: null,
    };
  const header = row.header;
  const location: [string, string][] = [];
  if (Array.isArray(header)) {
    for (const kv of header as unknown[]) {
      const s = String(kv);
      const i = s.indexOf('=');
      if (i >= 0) location.push([s.slice(0, i), s.slice(i + 1)]);
    }
  }
  return {
    tableTotal: optNumber(row.total_result_set),
    queryTotal: optNumber(row.page_total) ?? 0,
    location,
    body: optText(row.body) ?? '',
    gucHeaders: optText(row.response_headers),
    gucStatus: optText(row.response_status),
    inserted: optNumber(row.response_inserted),
  };
}
