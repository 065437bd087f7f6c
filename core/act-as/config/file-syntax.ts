/**
 * PostgREST's config-file syntax (configurator-pg): `key = value` lines, `#` comments, values that are
 * double-quoted strings (with `\` escapes and `$(VAR)` environment interpolation, `$$` for a literal `$`),
 * numbers or booleans (true/false/on/off); `group { … }` prefixes keys with `group.`.
 * Errors are GatehouseError GH401 naming the file, line and problem.
 *
 * @example
 *   parseConfigText('db-schemas = "api, $(EXTRA)"\napp.settings.x = 1', 'postgrest.conf', { EXTRA: 'v2' })
 *     // Map { 'db-schemas' → {value:'api, v2', line:1}, 'app.settings.x' → {value:'1', line:2} }
 */
import { GatehouseError } from '../../../shared/errors.js';

export type ConfigValue = { value: string; kind: 'string' | 'number' | 'bool'; line: number };

function bad(file: string, line: number, problem: string): GatehouseError {
  return new GatehouseError('GH401', `${file}:${line}: ${problem}`, {
    details: `In the PostgREST configuration file ${file}, line ${line}.`,
    hint: 'Write each setting as key = "value" (strings in double quotes); see PostgREST\'s configuration reference.',
  });
}

function interpolate(
  text: string,
  env: Record<string, string | undefined>,
  file: string,
  line: number,
): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '$') {
      out += c;
      continue;
    }
    if (text[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    if (text[i + 1] === '(') {
      const end = text.indexOf(')', i + 2);
      if (end === -1) throw bad(file, line, 'unterminated $( in a string');
      const name = text.slice(i + 2, end);
      const v = env[name];
      if (v === undefined)
        throw bad(file, line, `environment variable ${name} used in $(${name}) is not set`);
      out += v;
      i = end;
      continue;
    }
    out += c;
  }
  return out;
}

/** Reads a double-quoted string starting at `s[i] === '"'`; returns the raw content and the index after it. */
function readString(s: string, i: number, file: string, line: number): { text: string; next: number } {
  let out = '';
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j]!;
    if (c === '"') return { text: out, next: j + 1 };
    if (c === '\\') {
      const n = s[j + 1];
      if (n === undefined) break;
      const esc: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
      out += esc[n] ?? n;
      j++;
      continue;
    }
    out += c;
  }
  throw bad(file, line, 'unterminated string (a closing " is missing)');
}

const keyRe = /^[A-Za-z_][A-Za-z0-9_.-]*/;

export function parseConfigText(
  text: string,
  file: string,
  env: Record<string, string | undefined> = {},
): Map<string, ConfigValue> {
  const out = new Map<string, ConfigValue>();
  const groups: string[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, idx) => {
    const lineNo = idx + 1;
    let s = raw.trim();
    if (s === '' || s.startsWith('#')) return;
    if (s === '}') {
      if (groups.length === 0) throw bad(file, lineNo, 'unexpected "}" without an open group');
      groups.pop();
      return;
    }
    const km = keyRe.exec(s);
    if (!km) throw bad(file, lineNo, `expected a setting name, found ${JSON.stringify(s.slice(0, 20))}`);
    const key = km[0];
    s = s.slice(key.length).trimStart();
    if (s.startsWith('{')) {
      if (s.slice(1).trim() !== '' && !s.slice(1).trim().startsWith('#')) {
        throw bad(file, lineNo, 'put the settings of a group on their own lines');
      }
      groups.push(key);
      return;
    }
    if (key === 'import') throw bad(file, lineNo, 'import directives are not supported by Gatehouse');
    if (!s.startsWith('=')) throw bad(file, lineNo, `expected "=" after ${key}`);
    s = s.slice(1).trimStart();
    let value: ConfigValue;
    let rest: string;
    if (s.startsWith('"')) {
      const str = readString(s, 0, file, lineNo);
      value = { value: interpolate(str.text, env, file, lineNo), kind: 'string', line: lineNo };
      rest = s.slice(str.next);
    } else {
      const m = /^[^\s#]+/.exec(s);
      if (!m) throw bad(file, lineNo, `missing value for ${key}`);
      const w = m[0];
      rest = s.slice(w.length);
      if (/^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(w))
        value = { value: w, kind: 'number', line: lineNo };
      else if (/^(true|false|on|off)$/.test(w)) {
        value = { value: w === 'true' || w === 'on' ? 'true' : 'false', kind: 'bool', line: lineNo };
      } else throw bad(file, lineNo, `the value of ${key} must be double-quoted: ${key} = "${w}"`);
    }
    const trailing = rest.trim();
    if (trailing !== '' && !trailing.startsWith('#')) {
      throw bad(
        file,
        lineNo,
        `unexpected text after the value of ${key}: ${JSON.stringify(trailing.slice(0, 20))}`,
      );
    }
    out.set([...groups, key].join('.'), value);
  });
  if (groups.length > 0) throw bad(file, lines.length, `group "${groups.join('.')}" is not closed with "}"`);
  return out;
}
