/** A CSV field: quoted when it holds a separator, a quote or a line break (RFC 4180); NULL is empty. */
function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) || value === '' ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Rows as CSV with a header line; an empty string is `""` so it stays apart from NULL. */
export function toCsv(columns: readonly string[], rows: readonly (readonly (string | null)[])[]): string {
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Rows as a JSON array of objects, values as PostgreSQL's text (so bigints and numerics stay exact). */
export function toJson(columns: readonly string[], rows: readonly (readonly (string | null)[])[]): string {
  return JSON.stringify(
    rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i] ?? null]))),
    null,
    2,
  );
}
