/**
 * A small fuzzy set for PostgREST's "Perhaps you meant …" hints: candidates are found by n-gram cosine
 * similarity (grams of 3, falling back to 2) and ranked by normalised Levenshtein similarity.
 */

function grams(value: string, size: number): Map<string, number> {
  const s = `-${value.toLowerCase()}-`;
  const out = new Map<string, number>();
  if (s.length < size) {
    out.set(s, 1);
    return out;
  }
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

/** Matches of `query` among `candidates`, best first, with scores in [0, 1]. */
export function fuzzyMatches(candidates: readonly string[], query: string): [number, string][] {
  const unique = [...new Set(candidates)];
  for (const size of [3, 2]) {
    const q = grams(query, size);
    const qn = norm(q);
    const hits: [number, string][] = [];
    for (const c of unique) {
      const cg = grams(c, size);
      let dot = 0;
      for (const [g, n] of q) dot += n * (cg.get(g) ?? 0);
      if (dot > 0) hits.push([dot / (qn * norm(cg)), c]);
    }
    if (hits.length === 0) continue;
    const ql = query.toLowerCase();
    return hits
      .sort((a, b) => b[0] - a[0])
      .slice(0, 50)
      .map(([, c]): [number, string] => {
        const cl = c.toLowerCase();
        return [1 - levenshtein(ql, cl) / Math.max(ql.length, cl.length), c];
      })
      .sort((a, b) => b[0] - a[0]);
  }
  return [];
}

/** The best candidate with at least `minScore` similarity, or null. */
export function fuzzyBest(candidates: readonly string[], query: string, minScore = 0.33): string | null {
  const best = fuzzyMatches(candidates, query)[0];
  return best && best[0] >= minScore ? best[1] : null;
}
