import { quoteIdent } from '../../ddl/quote.js';

/**
 * A qualified name's new spelling, or undefined to keep it. `name` is null for a schema alone (a regnamespace
 * constant); the name part may be an operator (`OPERATOR(s.===)`).
 */
export type Respelling = (
  schema: string,
  name: string | null,
) => { readonly schema: string; readonly name: string | null } | undefined;

// Constants whose text PostgreSQL prints from an OID (ruleutils: the object's name as it is now), so a rename
// re-spells them; any other string constant ('app.t'::text) is kept as written.
const OID_CONSTANT =
  /::(regclass|regtype|regproc|regprocedure|regoper|regoperator|regcollation|regconfig|regdictionary|regnamespace)\b/y;
const BARE_START = /[A-Za-z_\u0080-\uffff]/;
const BARE = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/y;
const OPERATOR = /[+\-*/<>=~!@#%^&|`?]+/y;
const NUMBER = /[0-9][0-9A-Za-z_.]*/y;
const DOLLAR = /\$([A-Za-z_][A-Za-z0-9_]*)?\$/y;

interface Token {
  /** The name as PostgreSQL reads it (bare names folded to lower case, quotes taken off). */
  readonly value: string;
  readonly end: number;
}

function match(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at;
  return re.exec(text)?.[0] ?? null;
}

/** An identifier at `at`, bare or double-quoted. */
function identifier(text: string, at: number): Token | null {
  if (text[at] === '"') {
    let value = '';
    for (let i = at + 1; i < text.length; i++) {
      if (text[i] !== '"') value += text[i];
      else if (text[i + 1] !== '"') return { value, end: i + 1 };
      else {
        value += '"';
        i++;
      }
    }
    return null;
  }
  const bare = match(BARE, text, at);
  return bare === null ? null : { value: bare.toLowerCase(), end: at + bare.length };
}

/** Where a string constant opening at `at` (its quote) ends; backslashes escape in an E'…' string. */
function stringEnd(text: string, at: number, escapes: boolean): number {
  for (let i = at + 1; i < text.length; i++) {
    if (escapes && text[i] === '\\') i++;
    else if (text[i] === "'") {
      if (text[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return text.length;
}

function stringBody(literal: string, escapes: boolean): string {
  const inner = literal.slice(1, -1).replaceAll("''", "'");
  return escapes ? inner.replace(/\\(.)/g, '$1') : inner;
}

function stringLiteral(body: string, escapes: boolean): string {
  const quoted = body.replaceAll("'", "''");
  return escapes ? `'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

/**
 * SQL text as PostgreSQL deparses it (a view's query, a default, a key's or an index's definition, a type as
 * format_type prints it), with each qualified name `schema.name` spelt as `respell` says: what PostgreSQL itself
 * shows after a rename, since it prints every reference from the object's OID. String constants are kept as
 * written ('app.t'::text is text, never re-spelt), except those of OID types ('app.t'::regclass), whose text is
 * the object's name. A name preceded by a dot is a field, not a schema (`x.app.t`).
 */
export function respellNames(text: string, respell: Respelling): string {
  let out = '';
  let copied = 0;
  let lastSignificant = '';
  const replace = (from: number, to: number, by: string) => {
    out += text.slice(copied, from) + by;
    copied = to;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    // An E'…' string: the loop is at a token's start, so an E before a quote is its prefix.
    if (c === "'" || ((c === 'E' || c === 'e') && text[i + 1] === "'")) {
      const escapes = c !== "'";
      const open = escapes ? i + 1 : i;
      const end = stringEnd(text, open, escapes);
      const cast = match(OID_CONSTANT, text, end);
      if (cast !== null) {
        const body = stringBody(text.slice(open, end), escapes);
        const spelt =
          cast === '::regnamespace' ? respellSchemaName(body, respell) : respellNames(body, respell);
        if (spelt !== body) replace(open, end, stringLiteral(spelt, escapes));
      }
      lastSignificant = "'";
      i = end;
      continue;
    }
    if (c === '$') {
      const tag = match(DOLLAR, text, i);
      const close = tag === null ? -1 : text.indexOf(tag, i + tag.length);
      i = tag === null ? i + 1 : close < 0 ? text.length : close + tag.length;
      lastSignificant = '$';
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
      continue;
    }
    if (c >= '0' && c <= '9') {
      i += match(NUMBER, text, i)?.length ?? 1;
      lastSignificant = '0';
      continue;
    }
    if (c === '"' || BARE_START.test(c)) {
      const schema = identifier(text, i);
      if (schema === null) break; // an unclosed quote: nothing after it is a name
      const qualifies = text[schema.end] === '.' && lastSignificant !== '.';
      const at = schema.end + 1;
      const name = !qualifies
        ? null
        : (identifier(text, at) ??
          (() => {
            const op = match(OPERATOR, text, at);
            return op === null ? null : { value: op, end: at + op.length, operator: true };
          })());
      if (name === null) {
        i = schema.end;
        lastSignificant = 'a';
        continue;
      }
      const spelt = respell(schema.value, name.value);
      if (spelt !== undefined) {
        const namePart =
          spelt.name === null || spelt.name === name.value
            ? text.slice(at, name.end)
            : 'operator' in name
              ? spelt.name
              : quoteIdent(spelt.name);
        replace(i, name.end, `${quoteIdent(spelt.schema)}.${namePart}`);
      }
      i = name.end;
      lastSignificant = 'a';
      continue;
    }
    if (c.trim() !== '') lastSignificant = c;
    i++;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** A schema's name alone (a regnamespace constant's text), respelt. */
function respellSchemaName(text: string, respell: Respelling): string {
  const t = identifier(text, 0);
  if (t === null || t.end !== text.length) return text;
  const spelt = respell(t.value, null);
  return spelt === undefined ? text : quoteIdent(spelt.schema);
}

/** `respellNames` for a schema renamed: every `from.x` becomes `to.x`. */
export function respellSchema(text: string, from: string, to: string): string {
  // Most text names no object of the schema: it is left as it is without a scan. (Quotes in the name are
  // doubled where it is spelt: the longest run without one is looked for.)
  const probe = from
    .split(/["']/)
    .reduce((a, b) => (b.length > a.length ? b : a), '')
    .toLowerCase();
  if (!text.toLowerCase().includes(probe)) return text;
  return respellNames(text, (s, name) => (s === from ? { schema: to, name } : undefined));
}
