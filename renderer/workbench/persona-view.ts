/** A value inside PostgREST's `in.(…)` list: double-quoted, with `"` and `\` escaped. */
export function pgrstQuote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * The request that asks the simulator which of these rows a persona sees: `GET /table?select=<key>&…` filtered
 * to the keys on screen, the schema chosen by Accept-Profile.
 */
export function visibilityRequest(
  relation: { schema: string; name: string },
  primaryKey: readonly string[],
  keys: readonly (readonly (string | null)[])[],
): { path: string; headers: [string, string][] } {
  const select = primaryKey.map(encodeURIComponent).join(',');
  let filter: string;
  if (primaryKey.length === 1) {
    filter = `${encodeURIComponent(primaryKey[0]!)}=in.(${keys.map((k) => encodeURIComponent(pgrstQuote(k[0] ?? ''))).join(',')})`;
  } else {
    const ands = keys.map(
      (k) => `and(${primaryKey.map((c, i) => `${c}.eq.${pgrstQuote(k[i] ?? '')}`).join(',')})`,
    );
    filter = `or=${encodeURIComponent(`(${ands.join(',')})`)}`;
  }
  return {
    path: `/${encodeURIComponent(relation.name)}?select=${select}&${filter}`,
    headers: [['Accept-Profile', relation.schema]],
  };
}

/** The keys in a simulator answer (a JSON array of objects), as the grid's key texts. */
export function visibleKeys(body: string, primaryKey: readonly string[]): Set<string> {
  const rows = JSON.parse(body) as unknown;
  if (!Array.isArray(rows)) return new Set();
  return new Set(
    rows.map((r) =>
      JSON.stringify(
        primaryKey.map((k) => {
          const v = (r as Record<string, unknown>)[k];
          // the simulator answers JSON numbers and booleans; the grid holds PostgreSQL's text
          return v === null || v === undefined
            ? null
            : typeof v === 'string'
              ? v
              : typeof v === 'boolean'
                ? v
                  ? 't'
                  : 'f'
                : String(v);
        }),
      ),
    ),
  );
}
