/**
 * The order files are applied in when a folder gives no other: names compared chunk by chunk, runs of digits by
 * their value (`2_x.sql` before `10_x.sql`), everything else by code point, so the order is the same on every
 * machine and locale. Paths compare segment by segment.
 */
export function naturalCompare(a: string, b: string): number {
  const ca = a.match(/\d+|\D+/g) ?? [];
  const cb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i]!;
    const y = cb[i]!;
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const nx = x.replace(/^0+(?=\d)/, '');
      const ny = y.replace(/^0+(?=\d)/, '');
      if (nx.length !== ny.length) return nx.length - ny.length;
      if (nx !== ny) return nx < ny ? -1 : 1;
      // Same value, different zero padding: the shorter spelling first, so the order stays total.
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return ca.length - cb.length;
}

export function pathCompare(a: string, b: string): number {
  const sa = a.split('/');
  const sb = b.split('/');
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const c = naturalCompare(sa[i]!, sb[i]!);
    if (c !== 0) return c;
  }
  return sa.length - sb.length;
}

/** Dotted or underscored version numbers (Flyway's `1.2.10`, `1_2`) compared part by part as numbers. */
export function versionCompare(a: string, b: string): number {
  const pa = a.split(/[._]/).map((p) => BigInt(p === '' ? '0' : p));
  const pb = b.split(/[._]/).map((p) => BigInt(p === '' ? '0' : p));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0n;
    const y = pb[i] ?? 0n;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
