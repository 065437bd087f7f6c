/**
 * `jwt-role-claim-key`: PostgREST accepts an RFC 9535 JSONPath (`$.realm_access.roles[0]`, `$['https://x'].role`)
 * and, for compatibility, its older JSPath syntax (`.realm_access.roles[0]`, `."https://x".role`,
 * `.roles[?(@ == "admin")]`). Both are parsed into the same steps; evaluation returns the first match.
 *
 * @example
 *   parseJsPath('.realm_access.roles[0]')  // steps: key realm_access, key roles, index 0
 *   evaluateJsPath({ realm_access: { roles: ['admin'] } }, parseJsPath('$.realm_access.roles[0]')) // 'admin'
 */
import type { Json } from '../errors/pgrst-error.js';
import type { JsPath, JsPathStep } from './types.js';

type FilterOp = Extract<JsPathStep, { type: 'filter' }>['op'];

class JsPathError extends Error {}

function parseQuoted(s: string, i: number, quote: '"' | "'"): { value: string; next: number } {
  let out = '';
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j]!;
    if (c === quote) return { value: out, next: j + 1 };
    if (c === '\\' && quote === "'" && j + 1 < s.length) {
      out += s[j + 1];
      j++;
      continue;
    }
    out += c;
  }
  throw new JsPathError('unterminated quoted name');
}

function parseFilter(s: string, i: number): { step: JsPathStep; next: number } {
  // [?(@ OP "value")] (old syntax) or [?@ OP 'value'] (RFC 9535)
  const m = /^\[\?\(?\s*@\s*(==\^|==|!=|\^==|\*==)\s*(?:"([^"]*)"|'([^']*)')\s*\)?\]/.exec(s.slice(i));
  if (!m) throw new JsPathError(`invalid filter at position ${i + 1}`);
  return { step: { type: 'filter', op: m[1] as FilterOp, value: m[2] ?? m[3]! }, next: i + m[0].length };
}

function parseSteps(s: string, i: number, dotKey: RegExp): JsPathStep[] {
  const steps: JsPathStep[] = [];
  while (i < s.length) {
    const c = s[i]!;
    if (c === '.') {
      if (s[i + 1] === '"') {
        const q = parseQuoted(s, i + 1, '"');
        steps.push({ type: 'key', key: q.value });
        i = q.next;
        continue;
      }
      const m = dotKey.exec(s.slice(i + 1));
      if (!m || m[0] === '') throw new JsPathError(`expected a name after "." at position ${i + 1}`);
      steps.push({ type: 'key', key: m[0] });
      i += 1 + m[0].length;
      continue;
    }
    if (c === '[') {
      if (s[i + 1] === '?') {
        const f = parseFilter(s, i);
        steps.push(f.step);
        i = f.next;
        continue;
      }
      if (s[i + 1] === '"' || s[i + 1] === "'") {
        const q = parseQuoted(s, i + 1, s[i + 1] as '"' | "'");
        if (s[q.next] !== ']') throw new JsPathError(`expected "]" at position ${q.next + 1}`);
        steps.push({ type: 'key', key: q.value });
        i = q.next + 1;
        continue;
      }
      const m = /^\[(-?[0-9]+)\]/.exec(s.slice(i));
      if (!m) throw new JsPathError(`invalid index at position ${i + 1}`);
      steps.push({ type: 'index', index: Number(m[1]) });
      i += m[0].length;
      continue;
    }
    throw new JsPathError(`unexpected ${JSON.stringify(c)} at position ${i + 1}`);
  }
  return steps;
}

/** Parses a role-claim key; throws an Error with a readable reason when it is invalid. */
export function parseJsPath(source: string): JsPath {
  const s = source.trim();
  try {
    if (s.startsWith('$')) return { source, steps: parseSteps(s, 1, /^[A-Za-z_][A-Za-z0-9_]*/) };
    if (s === '') throw new JsPathError('empty path');
    const steps = parseSteps(s, 0, /^[A-Za-z0-9_$@]+/);
    // Old syntax: a filter may only come last.
    if (steps.slice(0, -1).some((x) => x.type === 'filter'))
      throw new JsPathError('a filter must be the last step');
    return { source, steps };
  } catch (e) {
    if (e instanceof JsPathError)
      throw new Error(`failed to parse role-claim-key value (${source}): ${e.message}`, { cause: e });
    throw e;
  }
}

export const defaultRoleClaimKey: JsPath = { source: '$.role', steps: [{ type: 'key', key: 'role' }] };

function matches(op: FilterOp, pattern: string, v: string): boolean {
  switch (op) {
    case '==':
      return v === pattern;
    case '!=':
      return v !== pattern;
    case '^==':
      return v.startsWith(pattern);
    case '==^':
      return v.endsWith(pattern);
    case '*==':
      return v.includes(pattern);
  }
}

/** The first value the path selects in `json`, or undefined. */
export function evaluateJsPath(json: Json | undefined, path: JsPath): Json | undefined {
  let cur: Json | undefined = json;
  for (const step of path.steps) {
    if (cur === undefined) return undefined;
    if (step.type === 'key') {
      cur =
        typeof cur === 'object' && cur !== null && !Array.isArray(cur) && Object.hasOwn(cur, step.key)
          ? cur[step.key]
          : undefined;
    } else if (step.type === 'index') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[step.index < 0 ? cur.length + step.index : step.index];
    } else {
      if (!Array.isArray(cur)) return undefined;
      cur = cur.find((x) => typeof x === 'string' && matches(step.op, step.value, x));
    }
  }
  return cur;
}
