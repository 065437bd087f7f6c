/**
 * `jwt-role-claim-key` as PostgREST 16.2 reads it (Config.hs parseRoleClaimKey): an RFC 9535 JSONPath first
 * (`$.realm_access.roles[0]`, `$.roles[?search(@, "^app_")]`, core/act-as/config/json-path.ts), else its older JSPath
 * syntax (Config/DeprecatedJSPath.hs; before 16 the only one): `.key`, `."quoted key"`, `[0]` and one final filter
 * `[?(@ OP "value")]` with OP one of == != ^== ==^ *==. Which majors accept which syntax is in versions.ts.
 *
 * @example
 *   parseJsPath('.realm_access.roles[0]')  // legacy: key realm_access, key roles, index 0
 *   evaluateJsPath({ realm_access: { roles: ['admin'] } }, parseJsPath('$.realm_access.roles[0]')) // 'admin'
 */
import type { Json } from '../errors/pgrst-error.js';
import { JsonPathSyntaxError, evaluateJsonPath, parseJsonPath } from './json-path.js';
import type { JsPath, JsPathStep } from './types.js';

type FilterOp = Extract<JsPathStep, { type: 'filter' }>['op'];

class JsPathError extends Error {}

/** The deprecated syntax (v14 Config/JSPath.hs pJSPath): many1 (key | filter | index), a filter only last. */
function parseLegacy(s: string): JsPathStep[] {
  const steps: JsPathStep[] = [];
  let i = 0;
  while (i < s.length) {
    const rest = s.slice(i);
    if (rest.startsWith('.')) {
      const q = /^\."([^"]*)"/.exec(rest);
      const plain = /^\.([A-Za-z0-9_$@]+)/.exec(rest);
      const m = q ?? plain;
      if (!m) throw new JsPathError(`expected an attribute name after "." at position ${i + 1}`);
      steps.push({ type: 'key', key: m[1]! });
      i += m[0].length;
    } else if (rest.startsWith('[?(')) {
      const m = /^\[\?\(@\s*(==\^|==|!=|\^==|\*==)\s*"([^"]*)"\)\]/.exec(rest);
      if (!m) throw new JsPathError(`invalid filter at position ${i + 1}`);
      if (m[0].length !== rest.length) throw new JsPathError('a filter must be the last step');
      steps.push({ type: 'filter', op: m[1] as FilterOp, value: m[2]! });
      i += m[0].length;
    } else {
      const m = /^\[([0-9]+)\]/.exec(rest);
      if (!m) throw new JsPathError(`unexpected ${JSON.stringify(rest[0])} at position ${i + 1}`);
      steps.push({ type: 'index', index: Number(m[1]) });
      i += m[0].length;
    }
  }
  if (steps.length === 0) throw new JsPathError('empty path');
  return steps;
}

/** Parses a role-claim key; throws an Error with a readable reason when neither syntax reads it. */
export function parseJsPath(source: string): JsPath {
  const s = source.trim();
  try {
    return { source, syntax: 'json-path', query: parseJsonPath(s), given: true };
  } catch (e) {
    if (!(e instanceof JsonPathSyntaxError)) throw e;
    try {
      return { source, syntax: 'legacy', steps: parseLegacy(s), given: true };
    } catch (legacy) {
      if (!(legacy instanceof JsPathError)) throw legacy;
      // A `$` path is meant as JSONPath: its error says more than the old syntax's "expected '.'".
      const why = s.startsWith('$') ? e.message : legacy.message;
      throw new Error(`failed to parse role-claim-key value (${source}): ${why}`, { cause: legacy });
    }
  }
}

export const defaultRoleClaimKey: JsPath = {
  source: '$.role',
  syntax: 'json-path',
  query: parseJsonPath('$.role'),
  given: false,
};

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
  if (json === undefined) return undefined;
  if (path.syntax === 'json-path') return evaluateJsonPath(path.query, json)[0];
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
      cur = cur[step.index];
    } else {
      if (!Array.isArray(cur)) return undefined;
      cur = cur.find((x) => typeof x === 'string' && matches(step.op, step.value, x));
    }
  }
  return cur;
}
