/**
 * A small fuzzy set for PostgREST's "Perhaps you meant …" hints: candidates are found by n-gram cosine
 * similarity (grams of 3, falling back to 2) and ranked by normalised Levenshtein similarity.
 */

/** Lower case, keeping only letters, digits, spaces and commas (the fuzzy set's normalisation). */
function normalise(value: string): string {
  return value.toLowerCase().replace(/[^\p{L}\p{N}\s,]/gu, '');
}

function grams(value: string, size: number): Map<string, number> {
  const s = `-${normalise(value)}-`;
  const out = new Map<string, number>();
  for (let i = 0; i + size <= s.length; i++) {
    const g = s.slice(i, i + size);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

function norm(v: Map<string, number>): number {
  let sum = 0;
  for (const n of v.values()) sum += n * n;
  return Math.sqrt(sum);
}

export function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min((prev[j] ?? 0) + 1, (prev[j - 1] ?? 0) + 1, diag + cost);
      diag = tmp;
    }
  }
  return prev[b.length] ?? 0;
}

/**
 * Matches of `query` among `candidates` with at least `minScore`, best first. An exact (case-insensitive) match
 * scores 1. Otherwise candidates sharing n-grams (3, else 2) with the query, ranked by cosine similarity, are
 * re-scored by Levenshtein similarity of the lower-cased strings; the first gram size with a match wins.
 */
export function fuzzyMatches(
  candidates: readonly string[],
  query: string,
  minScore = 0.33,
): [number, string][] {
  const byKey = new Map<string, string>();
  for (const c of candidates) if (!byKey.has(c.toLowerCase())) byKey.set(c.toLowerCase(), c);
  const key = query.toLowerCase();
  const exact = byKey.get(key);
  if (exact !== undefined) return [[1, exact]];
  for (const size of [3, 2]) {
    const q = grams(key, size);
    const qn = norm(q);
    const hits: [number, string][] = [];
    for (const c of byKey.keys()) {
      const cg = grams(c, size);
      let dot = 0;
      for (const [g, n] of q) dot += n * (cg.get(g) ?? 0);
      if (dot > 0) hits.push([dot / (qn * norm(cg)), c]);
    }
    const scored = hits
      .sort((a, b) => b[0] - a[0])
      .slice(0, 50)
      .map(([, c]): [number, string] => [1 - levenshtein(key, c) / Math.max(key.length, c.length, 1), c])
      .filter(([score]) => score >= minScore)
      .sort((a, b) => b[0] - a[0]);
    if (scored.length > 0) return scored.map(([score, c]) => [score, byKey.get(c) ?? c]);
  }
  return [];
}

/** The best candidate with at least `minScore` similarity, or null. */
export function fuzzyBest(candidates: readonly string[], query: string, minScore = 0.33): string | null {
  return fuzzyMatches(candidates, query, minScore)[0]?.[1] ?? null;
}
