/**
 * A JSON value whose object key order is explicit, and an encoder that writes it the way PostgREST's Haskell
 * JSON library does: compact, only `"`, `\` and control characters escaped (\n \r \t by name, others \u00XX),
 * numbers as decimal text. PostgREST's document mixes objects written in declaration order with objects written
 * with sorted keys, so the builder decides the order and this module keeps it.
 */

export type OJson = null | boolean | string | ONum | OJson[] | OObj;

/** A number kept as the text to write. */
export class ONum {
  constructor(readonly text: string) {}
}

export class OObj {
  constructor(readonly entries: readonly (readonly [string, OJson])[]) {}
}

/** Code point order of the keys (the Haskell side compares UTF-8 text bytewise). */
function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** An object in the given order, leaving out undefined members. */
export function obj(entries: readonly (readonly [string, OJson | undefined])[]): OObj {
  return new OObj(entries.filter((e): e is readonly [string, OJson] => e[1] !== undefined));
}

/** An object with its keys sorted, leaving out undefined members. */
export function sortedObj(entries: readonly (readonly [string, OJson | undefined])[]): OObj {
  return new OObj(
    entries
      .filter((e): e is readonly [string, OJson] => e[1] !== undefined)
      .sort((x, y) => compareKeys(x[0], y[0])),
  );
}

function encodeString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

export function encodeJson(v: OJson): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return encodeString(v);
  if (v instanceof ONum) return v.text;
  if (Array.isArray(v)) return `[${v.map(encodeJson).join(',')}]`;
  return `{${v.entries.map(([k, x]) => `${encodeString(k)}:${encodeJson(x)}`).join(',')}}`;
}

/**
 * How a JSON number read from text is written back: integral literals as integers, others in the general
 * scientific format (fixed notation for 0.1 <= |x| < 10^7, e.g. `1.5`, `10.0`; else `1.0e-2`).
 */
export function numberText(literal: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal.trim());
  if (!m) return literal;
  const [, sign = '', int = '', frac = '', exp = '0'] = m;
  const digits = int + frac;
  const exponent = Number(exp) - frac.length;
  if (exponent >= 0 && exponent <= 1024) {
    const n = BigInt(digits) * 10n ** BigInt(exponent);
    return `${n === 0n ? '' : sign}${n.toString()}`;
  }
  // value = 0.ds × 10^e with ds free of leading/trailing zeros
  const stripped = digits.replace(/^0+/, '');
  if (stripped === '') return '0.0';
  const ds = stripped.replace(/0+$/, '');
  const e = stripped.length + exponent;
  if (e >= 0 && e <= 7) {
    const intPart = e === 0 ? '0' : ds.slice(0, e).padEnd(e, '0');
    const fracPart = ds.slice(e) || '0';
    return `${sign}${intPart}.${fracPart}`;
  }
  return `${sign}${ds[0]}.${ds.slice(1) || '0'}e${e - 1}`;
}

/**
 * Parses JSON text as the Haskell side decodes a column default: objects come back with sorted keys, numbers keep
 * their written form. Null when the text is not JSON.
 */
export function decodeJson(text: string): { value: OJson } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const conv = (x: unknown, raw: string | null): OJson => {
    if (x === null || typeof x === 'boolean' || typeof x === 'string') return x;
    if (typeof x === 'number') return new ONum(numberText(raw ?? String(x)));
    if (Array.isArray(x)) return x.map((y) => conv(y, null));
    return sortedObj(
      Object.entries(x as Record<string, unknown>).map(([k, y]) => [k, conv(y, null)] as const),
    );
  };
  return { value: conv(parsed, typeof parsed === 'number' ? text : null) };
}
