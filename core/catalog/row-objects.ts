/**
 * Catalog queries are read as arrays (node-postgres's rowMode 'array') and turned into objects here by one
 * function generated per column list: node-postgres's own object rows copy a template object and store every
 * field under a varying key, which for the 800,000 fields of the bench catalog cost more than this and the
 * arrays together. Objects come out as node-postgres makes them: keys in column order, a later column of the
 * same name winning.
 */
export type RowObjects = (rows: readonly unknown[][]) => Record<string, unknown>[];

const compiled = new Map<string, RowObjects>();

export function rowObjects(names: readonly string[]): RowObjects {
  const key = names.join('\0');
  let make = compiled.get(key);
  if (make === undefined) {
    // Column names enter the source as JSON string literals: plain keys, which V8 creates from one literal
    // template (computed keys cost a runtime call per field, the most of this function's time). `__proto__` alone
    // is computed, or the literal would set the prototype instead of a column.
    const fields = names
      .map((n, i) => `${n === '__proto__' ? `[${JSON.stringify(n)}]` : JSON.stringify(n)}: v[${i}]`)
      .join(', ');
    const one = new Function('v', `return { ${fields} };`) as (v: unknown[]) => Record<string, unknown>;
    make = (rows) => {
      const out = new Array<Record<string, unknown>>(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = one(rows[i]!);
      return out;
    };
    compiled.set(key, make);
  }
  return make;
}
