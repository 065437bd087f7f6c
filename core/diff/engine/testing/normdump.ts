/**
 * A normalised `pg_dump --schema-only` text, for comparing two databases (the migration judge's rule): `--`
 * comments, top-level SET / set_config lines, `\restrict` lines and blank lines dropped, top-level statements
 * split outside quotes, dollar quotes, comments and BEGIN ATOMIC bodies, then sorted. Owners, grants, column
 * order and bodies stay verbatim. Test support only.
 */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let buf = '';
  let i = 0;
  const n = text.length;
  let beginDepth = 0;
  const isWord = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);
  while (i < n) {
    const ch = text[i] as string;
    if (ch === '-' && text.startsWith('--', i)) {
      const j = text.indexOf('\n', i);
      i = j < 0 ? n : j;
      continue;
    }
    if (ch === '/' && text.startsWith('/*', i)) {
      let depth = 1;
      let j = i + 2;
      while (j < n && depth > 0) {
        if (text.startsWith('/*', j)) { depth++; j += 2; } else if (text.startsWith('*/', j)) { depth--; j += 2; } else j++;
      }
      buf += text.slice(i, j);
      i = j;
      continue;
    }
    if (ch === "'") {
      const escape = i > 0 && /[eE]/.test(text[i - 1] as string) && !(i >= 2 && isWord(text[i - 2]));
      let j = i + 1;
      while (j < n) {
        if (escape && text[j] === '\\') { j += 2; continue; }
        if (text[j] === "'") { if (text[j + 1] === "'") { j += 2; continue; } break; }
        j++;
      }
      buf += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      while (j < n) { if (text[j] === '"') { if (text[j + 1] === '"') { j += 2; continue; } break; } j++; }
      buf += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '$' && !(i > 0 && isWord(text[i - 1]))) {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
      if (m !== null) {
        const tag = m[0];
        const end = text.indexOf(tag, i + tag.length);
        const j = end < 0 ? n : end + tag.length;
        buf += text.slice(i, j);
        i = j;
        continue;
      }
    }
    if (/[A-Za-z_]/.test(ch) && !(i > 0 && /[A-Za-z0-9_$]/.test(text[i - 1] as string))) {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(text.slice(i, i + 128)) as RegExpExecArray;
      const word = m[0].toUpperCase();
      if ((word === 'BEGIN' || word === 'CASE') && /^\s*CREATE\s+(OR\s+REPLACE\s+)?(FUNCTION|PROCEDURE)\b/i.test(buf)) beginDepth++;
      else if (word === 'END' && beginDepth > 0) beginDepth--;
      buf += m[0];
      i += m[0].length;
      continue;
    }
    if (ch === ';' && beginDepth === 0) {
      out.push(buf + ch);
      buf = '';
      i++;
      continue;
    }
    buf += ch;
    i++;
  }
  if (buf.trim() !== '') out.push(buf);
  return out;
}

function sortColumns(stmt: string): string {
  const lines = stmt.split('\n');
  const head = lines[0] ?? '';
  if (!/^CREATE (UNLOGGED |FOREIGN )?TABLE /.test(head) || !head.endsWith('(')) return stmt;
  const end = lines.findIndex((l, i) => i > 0 && l.startsWith(')'));
  if (end < 0) return stmt;
  const members = lines.slice(1, end).map((l) => l.replace(/,$/, '')).sort();
  const withCommas = members.map((m, i) => (i < members.length - 1 ? `${m},` : m));
  return [head, ...withCommas, ...lines.slice(end)].join('\n');
}

export function normaliseDump(text: string, options: { ignoreColumnOrder?: boolean } = {}): string[] {
  const kept = text
    .split('\n')
    .filter((l) => !/^\\(un)?restrict\b/.test(l))
    .join('\n');
  const out: string[] = [];
  for (const s of splitStatements(kept)) {
    let body = s
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => l.trimEnd())
      .join('\n');
    if (body === '') continue;
    const head = body.trimStart().toUpperCase();
    if (head.startsWith('SET ') || head.startsWith('SELECT PG_CATALOG.SET_CONFIG(')) continue;
    body = body.replace(/^\n+|\n+$/g, '');
    out.push(options.ignoreColumnOrder === true ? sortColumns(body) : body);
  }
  return out.sort();
}

/** Lines only one side has (`< ` from A, `> ` from B), as a multiset difference of the normalised blocks. */
export function residue(a: readonly string[], b: readonly string[]): string[] {
  const count = new Map<string, number>();
  for (const x of a) count.set(x, (count.get(x) ?? 0) + 1);
  for (const x of b) count.set(x, (count.get(x) ?? 0) - 1);
  const out: string[] = [];
  for (const [x, c] of count) {
    if (c > 0) out.push(`< ${x}`);
    if (c < 0) out.push(`> ${x}`);
  }
  return out.sort();
}
