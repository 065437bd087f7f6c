/**
 * JSON bytes → value, failing with aeson 2.1's `eitherDecode` text (the aeson PostgREST 12 was built with: Stackage
 * LTS 22 / its nixpkgs pin). PostgREST 12 shows that text inside its JWT errors (hs-jose decodes the claims with
 * `eitherDecode`), so a malformed token payload must fail with the same words at the same place.
 *
 * Sources (read, not copied): aeson v2.1.2.1 `src/Data/Aeson/Parser/Internal.hs` (jsonWith 232-243, objectValues
 * 142-166, arrayValues 178-191, jstring_ 323-332, jstringSlow 334-345, eitherDecodeWith 366-379, formatErrorLine
 * 383-399, decimal0/scientific 449-490), `src-pure/Data/Aeson/Parser/UnescapePure.hs:34-37`; attoparsec 0.14.4
 * `Internal/Types.hs:158` ("Failed reading: "), `Combinator.hs:66-71` (`<?>`: the outermost label is named),
 * `ByteString/Internal.hs:109-114, 199-226, 410-417`, `Internal.hs:75-116` ("not enough input", "endOfInput").
 *
 * @example
 *   aesonDecode(bytes('{"a": tru}'))  // { ok: false, message: "Error in $: string. Expecting object value at 'tru}'" }
 */
import type { Json } from '../errors/pgrst-error.js';
import { JSON_SIMPLE_ESCAPES } from '../../../shared/json/escapes.js';

export type AesonResult =
  { readonly ok: true; readonly value: Json } | { readonly ok: false; readonly message: string };

/** A parse failure: attoparsec's message, its `<?>` labels (outermost first) and where the input was left. */
class Failure {
  constructor(
    readonly message: string,
    readonly labels: string[],
    readonly at: number,
  ) {}
}

const SPACE = new Set([0x20, 0x0a, 0x0d, 0x09]);
const isDigit = (b: number | undefined): boolean => b !== undefined && b >= 0x30 && b <= 0x39;

class Parser {
  pos = 0;
  constructor(readonly input: Uint8Array) {}

  private fail(message: string, at = this.pos): never {
    throw new Failure(message, [], at);
  }
  private failedReading(what: string, at = this.pos): never {
    return this.fail(`Failed reading: ${what}`, at);
  }
  private peek(): number | undefined {
    return this.input[this.pos];
  }
  /** attoparsec's peekWord8': at the end of input it fails. */
  private peekOrFail(): number {
    const b = this.peek();
    return b === undefined ? this.fail('not enough input') : b;
  }
  private skipSpace(): void {
    while (SPACE.has(this.input[this.pos] ?? -1)) this.pos++;
  }
  /** `p <?> label`: a failure inside `p` names `label` (an outer label is named before an inner one). */
  private labelled<T>(label: string, p: () => T): T {
    try {
      return p();
    } catch (e) {
      if (e instanceof Failure) throw new Failure(e.message, [label, ...e.labels], e.at);
      throw e;
    }
  }
  private satisfy(ok: (b: number) => boolean): number {
    const b = this.peekOrFail();
    if (!ok(b)) this.failedReading('satisfy');
    this.pos++;
    return b;
  }
  private literal(text: string, value: Json): Json {
    const start = this.pos;
    for (let i = 0; i < text.length; i++)
      if (this.input[start + i] !== text.charCodeAt(i)) this.fail('string', start);
    this.pos += text.length;
    return value;
  }

  value(): Json {
    this.skipSpace();
    const w = this.peekOrFail();
    if (w === 0x22) {
      this.pos++;
      return this.stringBody();
    }
    if (w === 0x7b) {
      this.pos++;
      return this.object();
    }
    if (w === 0x5b) {
      this.pos++;
      return this.array();
    }
    if (w === 0x66) return this.literal('false', false);
    if (w === 0x74) return this.literal('true', true);
    if (w === 0x6e) return this.literal('null', null);
    if (isDigit(w) || w === 0x2d) return this.number();
    return this.failedReading('not a valid json value');
  }

  private object(): Json {
    const out: Record<string, Json> = {};
    this.skipSpace();
    if (this.peekOrFail() === 0x7d) {
      this.pos++;
      return out;
    }
    for (;;) {
      const key = this.labelled('object key', () => {
        this.labelled('34', () => this.satisfy((b) => b === 0x22));
        return this.stringBody();
      });
      this.skipSpace();
      this.labelled("':'", () => this.labelled(':', () => this.satisfy((b) => b === 0x3a)));
      const v = this.labelled('object value', () => this.value());
      this.skipSpace();
      const ch = this.labelled("',' or '}'", () => this.satisfy((b) => b === 0x2c || b === 0x7d));
      // The first occurrence of a key wins (aeson's KeyMap.fromList over the pairs in reverse order).
      if (!Object.prototype.hasOwnProperty.call(out, key)) out[key] = v;
      if (ch === 0x7d) return out;
      this.skipSpace();
    }
  }

  private array(): Json {
    const out: Json[] = [];
    this.skipSpace();
    if (this.peekOrFail() === 0x5d) {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.labelled('json list value', () => this.value()));
      this.skipSpace();
      const ch = this.labelled("',' or ']'", () => this.satisfy((b) => b === 0x2c || b === 0x5d));
      if (ch === 0x5d) return out;
      this.skipSpace();
    }
  }

  /** After the opening quote: the ASCII fast path, else the escaped/UTF-8 slow path (jstring_, jstringSlow). */
  private stringBody(): string {
    const start = this.pos;
    for (;;) {
      const b = this.peek();
      if (b === undefined) return this.failedReading('string without end');
      if (b === 0x22) {
        this.pos++;
        return String.fromCharCode(...this.input.subarray(start, this.pos - 1));
      }
      if (b < 0x20) return this.failedReading('unescaped control character');
      if (b === 0x5c || b >= 0x80) break;
      this.pos++;
    }
    let escaped = false;
    while (this.pos < this.input.length) {
      const b = this.input[this.pos]!;
      if (!escaped && b === 0x22) break;
      escaped = !escaped && b === 0x5c;
      this.pos++;
    }
    this.satisfy(() => true);
    const text = unescape(this.input.subarray(start, this.pos - 1));
    return (
      text ??
      this.failedReading('Cannot decode input: Data.Text.Internal.Encoding.decodeUtf8: Invalid UTF-8 stream')
    );
  }

  private digits(): string {
    if (this.pos >= this.input.length) this.fail('not enough input');
    const start = this.pos;
    while (isDigit(this.peek())) this.pos++;
    if (this.pos === start) this.failedReading('takeWhile1');
    return String.fromCharCode(...this.input.subarray(start, this.pos));
  }

  private number(): number {
    let text = '';
    if (this.peek() === 0x2d) {
      this.pos++;
      text = '-';
    }
    const int = this.digits();
    if (int.length > 1 && int.startsWith('0')) this.failedReading('leading zero');
    text += int;
    if (this.peek() === 0x2e) {
      this.pos++;
      text += `.${this.digits()}`;
    }
    // The exponent is optional and backtracks: "1e" is the number 1 followed by "e".
    const mark = this.pos;
    if (this.peek() === 0x65 || this.peek() === 0x45) {
      this.pos++;
      let sign = '';
      if (this.peek() === 0x2b || this.peek() === 0x2d) sign = String.fromCharCode(this.input[this.pos++]!);
      const start = this.pos;
      while (isDigit(this.peek())) this.pos++;
      if (this.pos > start) text += `e${sign}${String.fromCharCode(...this.input.subarray(start, this.pos))}`;
      else this.pos = mark;
    }
    return Number(text);
  }

  endOfInput(): void {
    this.skipSpace();
    if (this.pos < this.input.length) this.fail('endOfInput');
  }
}

/** A JSON string's raw bytes (escapes unresolved) → text, or null where aeson's unescaping fails. */
function unescape(raw: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return null;
  }
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = text[++i];
    if (e !== undefined && JSON_SIMPLE_ESCAPES[e] !== undefined) {
      out += JSON_SIMPLE_ESCAPES[e];
      continue;
    }
    if (e !== 'u') return null;
    const hex = (at: number): number | null =>
      /^[0-9a-fA-F]{4}$/.test(text.slice(at, at + 4)) ? Number.parseInt(text.slice(at, at + 4), 16) : null;
    const u = hex(i + 1);
    if (u === null) return null;
    i += 4;
    if (u >= 0xdc00 && u <= 0xdfff) return null;
    if (u >= 0xd800 && u <= 0xdbff) {
      const lo = text.slice(i + 1, i + 3) === '\\u' ? hex(i + 3) : null;
      if (lo === null || lo < 0xdc00 || lo > 0xdfff) return null;
      out += String.fromCharCode(u, lo);
      i += 6;
      continue;
    }
    out += String.fromCharCode(u);
  }
  return out;
}

/** aeson's formatErrorLine: the next 100 bytes without blanks, quotes, slashes, backslashes, up to a newline. */
function errorLine(rest: Uint8Array): string {
  const kept = Array.from(rest.subarray(0, 100)).filter((b) => ![9, 13, 32, 34, 47, 92].includes(b));
  const nl = kept.indexOf(10);
  const line = nl < 0 ? kept : kept.slice(0, nl);
  return line.length === 0 ? '' : ` at '${String.fromCharCode(...line)}'`;
}

/**
 * `eitherDecode` on the bytes: the value, or aeson's "Error in $: …" text. Bytes above 0x7f in the text are one
 * character each (aeson unpacks them as Char8), as Haskell's `show` will then escape them.
 */
export function aesonDecode(input: Uint8Array): AesonResult {
  const p = new Parser(input);
  try {
    const value = p.value();
    p.endOfInput();
    return { ok: true, value };
  } catch (e) {
    if (!(e instanceof Failure)) throw e;
    const expecting = e.labels.length > 0 ? `. Expecting ${e.labels[0]}` : '';
    return { ok: false, message: `Error in $: ${e.message}${expecting}${errorLine(input.subarray(e.at))}` };
  }
}
