import { JSON_SIMPLE_ESCAPES } from '../../shared/json/escapes.js';
/**
 * A small JSON parser that remembers where things are: the claims editor needs the offset of a syntax error and
 * of each top-level property so mistakes are shown at the place they were made (JSON.parse only gives a message).
 */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface JsonSyntaxError {
  readonly message: string;
  readonly offset: number;
}

export interface LocatedProperty {
  readonly key: string;
  readonly keyOffset: number;
  readonly valueOffset: number;
}

export type LocatedParse =
  | { readonly ok: true; readonly value: Json; readonly properties: readonly LocatedProperty[] }
  | { readonly ok: false; readonly error: JsonSyntaxError };

class Fail extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Parses JSON text; for a top-level object, lists where each property's key and value start. */
export function parseLocated(text: string): LocatedParse {
  let i = 0;
  const properties: LocatedProperty[] = [];
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const describe = (): string => (i >= text.length ? 'end of text' : `"${text[i]}"`);
  const str = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length) throw new Fail('Unterminated string.', start);
      const c = text[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e !== undefined && e in JSON_SIMPLE_ESCAPES) {
          out += JSON_SIMPLE_ESCAPES[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else throw new Fail('Invalid escape in string.', i);
      } else if (c < ' ') {
        throw new Fail('Control character in string (use \\n, \\t…).', i);
      } else {
        out += c;
        i++;
      }
    }
  };
  const value = (depth: number): Json => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, Json> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"')
          throw new Fail(`Expected a property name in double quotes, found ${describe()}.`, i);
        const keyOffset = i;
        const key = str();
        ws();
        if (text[i] !== ':') throw new Fail(`Expected ":" after "${key}", found ${describe()}.`, i);
        i++;
        ws();
        const valueOffset = i;
        obj[key] = value(depth + 1);
        if (depth === 0) properties.push({ key, keyOffset, valueOffset });
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === '}') throw new Fail('Trailing comma before "}".', i);
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        throw new Fail(`Expected "," or "}", found ${describe()}.`, i);
      }
    }
    if (c === '[') {
      i++;
      const arr: Json[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === ']') throw new Fail('Trailing comma before "]".', i);
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        throw new Fail(`Expected "," or "]", found ${describe()}.`, i);
      }
    }
    if (c === '"') return str();
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (m && m[0] !== '' && m[0] !== '-') {
      i += m[0].length;
      return Number(m[0]);
    }
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    if (c === "'") throw new Fail('Strings need double quotes in JSON.', i);
    throw new Fail(`Unexpected ${describe()}.`, i);
  };
  try {
    const v = value(0);
    ws();
    if (i < text.length) throw new Fail(`Unexpected ${describe()} after the JSON value.`, i);
    return { ok: true, value: v, properties };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: { message: e.message, offset: e.offset } };
    throw e;
  }
}

/** 1-based line and column of an offset, as editors show them. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === '\n') {
      line++;
      last = k;
    }
  }
  return { line, column: offset - last };
}
