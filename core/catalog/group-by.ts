/** Buckets rows by a numeric key (an OID), keeping their order. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    let bucket = out.get(k);
    if (bucket === undefined) out.set(k, (bucket = []));
    bucket.push(row);
  }
  return out;
}
