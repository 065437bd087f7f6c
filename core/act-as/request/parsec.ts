/**
 * A tiny re-implementation of the Parsec combinators PostgREST's query-string grammar is written in, with the same
 * consumed/empty semantics and the same error merging, so that PGRST100 messages ("unexpected … expecting …",
 * "(line 1, column 5)") come out exactly as PostgREST prints them.
 *
 * Input is a list of Unicode code points (Haskell Chars). A parser returns a Reply instead of calling
 * continuations: `consumed` + `ok` encode Parsec's cok/cerr/eok/eerr.
 */

export type SourcePos = { line: number; column: number };

/** Parsec's Message kinds, in their Ord order. */
export const enum MsgKind {
  SysUnExpect = 0,
  UnExpect = 1,
  Expect = 2,
  Message = 3,
}
export type Msg = { readonly kind: MsgKind; readonly text: string };

/**
 * A parse error. Most errors are merged away without ever being shown, so the message list is built only when
 * someone reads `msgs`; `empty` (Parsec's "unknown error") is known up front, which is all merging needs.
 */
export class ParseError {
  private list: readonly Msg[] | null;
  private build: (() => readonly Msg[]) | null;
  constructor(
    readonly pos: SourcePos,
    msgs: readonly Msg[] | (() => readonly Msg[]),
    readonly empty: boolean,
  ) {
    if (typeof msgs === 'function') {
      this.list = null;
      this.build = msgs;
    } else {
      this.list = msgs;
      this.build = null;
    }
  }
  get msgs(): readonly Msg[] {
    if (this.list === null) {
      this.list = this.build!();
      this.build = null;
    }
    return this.list;
  }
}

/** A SysUnExpect message whose text (Haskell `show` of the token) is computed when it is shown. */
class SysUnExpectMsg implements Msg {
  readonly kind = MsgKind.SysUnExpect;
  private shown: string | null = null;
  constructor(
    private readonly token: string,
    private readonly show: (c: string) => string,
  ) {}
  get text(): string {
    return (this.shown ??= this.show(this.token));
  }
}

const noMsgs: readonly Msg[] = [];
const endOfInput: readonly Msg[] = [{ kind: MsgKind.SysUnExpect, text: '' }];

export type State = { input: readonly string[]; index: number; pos: SourcePos };

export type Reply<T> =
  | { ok: true; consumed: boolean; value: T; state: State; error: ParseError }
  | { ok: false; consumed: boolean; error: ParseError };

export type Parser<T> = (s: State) => Reply<T>;

// ---------------------------------------------------------------- errors

export function unknownError(pos: SourcePos): ParseError {
  return new ParseError(pos, noMsgs, true);
}

function msgError(pos: SourcePos, m: Msg): ParseError {
  return new ParseError(pos, [m], false);
}

function cmpPos(a: SourcePos, b: SourcePos): number {
  return a.line !== b.line ? a.line - b.line : a.column - b.column;
}

export function mergeError(e1: ParseError, e2: ParseError): ParseError {
  if (e2.empty && !e1.empty) return e1;
  if (e1.empty && !e2.empty) return e2;
  const c = cmpPos(e1.pos, e2.pos);
  if (c === 0) {
    if (e1.empty && e2.empty) return unknownError(e1.pos);
    return new ParseError(e1.pos, () => [...e1.msgs, ...e2.msgs], false);
  }
  return c > 0 ? e1 : e2;
}

/** Parsec's setErrorMessage: drops every message of the same kind, then prepends. */
function setErrorMessage(m: Msg, msgs: readonly Msg[]): Msg[] {
  return [m, ...msgs.filter((x) => x.kind !== m.kind)];
}

function setExpectErrors(e: ParseError, labels: readonly string[]): ParseError {
  return new ParseError(
    e.pos,
    () => {
      if (labels.length === 0) return setErrorMessage({ kind: MsgKind.Expect, text: '' }, e.msgs);
      const [first, ...rest] = labels as [string, ...string[]];
      const out = setErrorMessage({ kind: MsgKind.Expect, text: first }, e.msgs);
      // foldr over the rest: foldr f z [a,b] = f a (f b z) → b is added first.
      for (let i = rest.length - 1; i >= 0; i--) out.push({ kind: MsgKind.Expect, text: rest[i]! });
      return out;
    },
    false,
  );
}

function nub(xs: string[]): string[] {
  const out: string[] = [];
  for (const x of xs) if (x !== '' && !out.includes(x)) out.push(x);
  return out;
}

function commasOr(ms: string[]): string {
  if (ms.length === 0) return '';
  if (ms.length === 1) return ms[0]!;
  return `${nub(ms.slice(0, -1)).join(', ')} or ${ms[ms.length - 1]!}`;
}

/** Parsec's showErrorMessages "or" "unknown parse error" "expecting" "unexpected" "end of input". */
export function showErrorMessages(msgsIn: readonly Msg[]): string {
  if (msgsIn.length === 0) return 'unknown parse error';
  // `sort` is stable and compares kinds only.
  const msgs = [...msgsIn].sort((a, b) => a.kind - b.kind);
  const sysUnExpect = msgs.filter((m) => m.kind === MsgKind.SysUnExpect);
  const unExpect = msgs.filter((m) => m.kind === MsgKind.UnExpect);
  const expect = msgs.filter((m) => m.kind === MsgKind.Expect);
  const messages = msgs.filter((m) => m.kind === MsgKind.Message);
  const showMany = (pre: string, ms: Msg[]): string => {
    const c = nub(ms.map((m) => m.text));
    if (c.length === 0) return '';
    return pre === '' ? commasOr(c) : `${pre} ${commasOr(c)}`;
  };
  let showSys = '';
  if (unExpect.length === 0 && sysUnExpect.length > 0) {
    const first = sysUnExpect[0]!.text;
    showSys = first === '' ? 'unexpected end of input' : `unexpected ${first}`;
  }
  const parts = nub([
    showSys,
    showMany('unexpected', unExpect),
    showMany('expecting', expect),
    showMany('', messages),
  ]);
  return parts.map((p) => `\n${p}`).join('');
}

export function showPos(sourceName: string, pos: SourcePos): string {
  const lc = `(line ${pos.line}, column ${pos.column})`;
  return sourceName === '' ? lc : `"${sourceName}" ${lc}`;
}

// ---------------------------------------------------------------- Haskell `show`

const asciiNames = [
  'NUL',
  'SOH',
  'STX',
  'ETX',
  'EOT',
  'ENQ',
  'ACK',
  'a',
  'b',
  't',
  'n',
  'v',
  'f',
  'r',
  'SO',
  'SI',
  'DLE',
  'DC1',
  'DC2',
  'DC3',
  'DC4',
  'NAK',
  'SYN',
  'ETB',
  'CAN',
  'EM',
  'SUB',
  'ESC',
  'FS',
  'GS',
  'RS',
  'US',
];

function showLitChar(c: string, next: string | undefined, quote: '"' | "'"): string {
  const cp = c.codePointAt(0)!;
  if (c === '\\') return '\\\\';
  if (c === quote) return `\\${quote}`;
  if (cp >= 0x20 && cp < 0x7f) return c;
  if (cp === 0x7f) return '\\DEL';
  if (cp < 0x20) {
    const name = asciiNames[cp]!;
    // "\SO" followed by 'H' would read as "\SOH": Haskell inserts "\&".
    if (name === 'SO' && next === 'H') return '\\SO\\&';
    return `\\${name}`;
  }
  const esc = `\\${cp}`;
  return next !== undefined && /[0-9]/.test(next) ? `${esc}\\&` : esc;
}

/** Haskell's `show` of a String. */
export function showString(s: string | readonly string[]): string {
  const cs = typeof s === 'string' ? Array.from(s) : s;
  let out = '"';
  for (let i = 0; i < cs.length; i++) out += showLitChar(cs[i]!, cs[i + 1], '"');
  return `${out}"`;
}

/** Haskell's `show` of a Char. */
export function showChar(c: string): string {
  return c === '"' ? `'"'` : `'${showLitChar(c, undefined, "'")}'`;
}

// ---------------------------------------------------------------- running

export function initialState(text: string): State {
  return { input: Array.from(text), index: 0, pos: { line: 1, column: 1 } };
}

function nextPos(pos: SourcePos, c: string): SourcePos {
  if (c === '\n') return { line: pos.line + 1, column: 1 };
  if (c === '\t') return { line: pos.line, column: pos.column + 8 - ((pos.column - 1) % 8) };
  return { line: pos.line, column: pos.column + 1 };
}

export type RunResult<T> = { ok: true; value: T } | { ok: false; error: ParseError };

export function run<T>(p: Parser<T>, text: string): RunResult<T> {
  const r = p(initialState(text));
  return r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error };
}

// ---------------------------------------------------------------- primitives

export function pure<T>(value: T): Parser<T> {
  return (s) => ({ ok: true, consumed: false, value, state: s, error: unknownError(s.pos) });
}

/** mzero / Alternative empty. */
export const zero: Parser<never> = (s) => ({ ok: false, consumed: false, error: unknownError(s.pos) });

export function unexpected(msg: string): Parser<never> {
  return (s) => ({
    ok: false,
    consumed: false,
    error: msgError(s.pos, { kind: MsgKind.UnExpect, text: msg }),
  });
}

export function fail(msg: string): Parser<never> {
  return (s) => ({
    ok: false,
    consumed: false,
    error: msgError(s.pos, { kind: MsgKind.Message, text: msg }),
  });
}

export function tokenPrim<T>(
  showToken: (c: string) => string,
  test: (c: string) => T | undefined,
  advance: (pos: SourcePos, c: string) => SourcePos = nextPos,
): Parser<T> {
  return (s) => {
    const c = s.input[s.index];
    if (c === undefined) {
      return {
        ok: false,
        consumed: false,
        error: new ParseError(s.pos, endOfInput, false),
      };
    }
    const v = test(c);
    if (v === undefined) {
      return {
        ok: false,
        consumed: false,
        error: msgError(s.pos, new SysUnExpectMsg(c, showToken)),
      };
    }
    const pos = advance(s.pos, c);
    return {
      ok: true,
      consumed: true,
      value: v,
      state: { input: s.input, index: s.index + 1, pos },
      error: unknownError(pos),
    };
  };
}

const showOne = (c: string): string => showString([c]);

export function satisfy(f: (c: string) => boolean): Parser<string> {
  return tokenPrim(showOne, (c) => (f(c) ? c : undefined));
}

/** Parsec's anyToken does not move the position, so `eof` reports the offending character where it is. */
export const anyToken: Parser<string> = tokenPrim(
  showChar,
  (c) => c,
  (pos) => pos,
);
export const anyChar: Parser<string> = satisfy(() => true);

export function char(c: string): Parser<string> {
  return label(
    satisfy((x) => x === c),
    showString([c]),
  );
}

export function oneOf(cs: string): Parser<string> {
  const set = Array.from(cs);
  return satisfy((c) => set.includes(c));
}

export function noneOf(cs: string): Parser<string> {
  const set = Array.from(cs);
  return satisfy((c) => !set.includes(c));
}

const isAlphaRe = /^\p{L}$/u;
const isDigitRe = /^[0-9]$/;
const isAlphaNumRe = /^[\p{L}\p{N}]$/u;
/** Haskell's isAlpha (Unicode letters), isDigit (ASCII), isAlphaNum (letters and numbers). */
export const letter = label(
  satisfy((c) => isAlphaRe.test(c)),
  'letter',
);
export const digit = label(
  satisfy((c) => isDigitRe.test(c)),
  'digit',
);
export const alphaNum = label(
  satisfy((c) => isAlphaNumRe.test(c)),
  'letter or digit',
);
export const space = label(
  satisfy((c) => /^\s$/u.test(c)),
  'space',
);
export const spaces: Parser<null> = label(skipMany(space), 'white space');

/** Parsec's `tokens`: errors are reported at the start position with the first mismatching character. */
export function string(str: string): Parser<string> {
  const ts = Array.from(str);
  const expect: Msg = { kind: MsgKind.Expect, text: showString(ts) };
  const expectEnd: readonly Msg[] = [expect, { kind: MsgKind.SysUnExpect, text: '' }];
  return (s) => {
    if (ts.length === 0)
      return { ok: true, consumed: false, value: '', state: s, error: unknownError(s.pos) };
    let pos = s.pos;
    for (let i = 0; i < ts.length; i++) {
      const x = s.input[s.index + i];
      const consumed = i > 0;
      if (x === undefined) {
        return {
          ok: false,
          consumed,
          error: new ParseError(s.pos, expectEnd, false),
        };
      }
      if (x !== ts[i]) {
        return {
          ok: false,
          consumed,
          error: new ParseError(s.pos, [expect, new SysUnExpectMsg(x, showOne)], false),
        };
      }
      pos = nextPos(pos, x);
    }
    return {
      ok: true,
      consumed: true,
      value: str,
      state: { input: s.input, index: s.index + ts.length, pos },
      error: unknownError(pos),
    };
  };
}

// ---------------------------------------------------------------- combinators

/** `r` with another consumed flag and error, built with one object shape per outcome (no spreads). */
function reply<T>(r: Reply<T>, consumed: boolean, error: ParseError): Reply<T> {
  return r.ok
    ? { ok: true, consumed, value: r.value, state: r.state, error }
    : { ok: false, consumed, error };
}

/** Parsec's consumed/error bookkeeping of `p >>= k` once `k`'s reply `r2` is known. */
function joinReplies<B>(r: { consumed: boolean; error: ParseError }, r2: Reply<B>): Reply<B> {
  if (r.consumed) {
    if (r.error.empty || r2.consumed) return r2.consumed ? r2 : reply(r2, true, r2.error);
    return reply(r2, true, mergeError(r.error, r2.error));
  }
  if (r.error.empty || r2.consumed) return r2;
  return reply(r2, r2.consumed, mergeError(r.error, r2.error));
}

export function bind<A, B>(p: Parser<A>, f: (a: A) => Parser<B>): Parser<B> {
  return (s) => {
    const r = p(s);
    if (!r.ok) return r;
    return joinReplies(r, f(r.value)(r.state));
  };
}

/**
 * `p >>= \a -> fmap (f a) q` for a `q` that does not depend on `a`: same semantics as bind + map, without
 * building parsers per call.
 */
export function bind2<A, B, C>(p: Parser<A>, q: Parser<B>, f: (a: A, b: B) => C): Parser<C> {
  return (s) => {
    const r = p(s);
    if (!r.ok) return r;
    const r2 = q(r.state);
    return joinReplies<C>(
      r,
      r2.ok
        ? { ok: true, consumed: r2.consumed, value: f(r.value, r2.value), state: r2.state, error: r2.error }
        : r2,
    );
  };
}

export function map<A, B>(p: Parser<A>, f: (a: A) => B): Parser<B> {
  return (s) => {
    const r = p(s);
    return r.ok ? { ok: true, consumed: r.consumed, value: f(r.value), state: r.state, error: r.error } : r;
  };
}

/** `p *> q` */
export function andThen<A, B>(p: Parser<A>, q: Parser<B>): Parser<B> {
  return bind(p, () => q);
}

/** `p >>= \\a -> fmap (g a) (f a)`: bind for a `f` that picks among prebuilt parsers. */
export function bindWith<A, B, C>(p: Parser<A>, f: (a: A) => Parser<B>, g: (a: A, b: B) => C): Parser<C> {
  return (s) => {
    const r = p(s);
    if (!r.ok) return r;
    const r2 = f(r.value)(r.state);
    return joinReplies<C>(
      r,
      r2.ok
        ? { ok: true, consumed: r2.consumed, value: g(r.value, r2.value), state: r2.state, error: r2.error }
        : r2,
    );
  };
}

/** `p <* q` */
export function before<A, B>(p: Parser<A>, q: Parser<B>): Parser<A> {
  return bind2(p, q, (a) => a);
}

/** `p $> v` */
export function as<A, B>(p: Parser<A>, v: B): Parser<B> {
  return map(p, () => v);
}

/** `<|>` */
export function alt<T>(...ps: Parser<T>[]): Parser<T> {
  if (ps.length === 0) return zero;
  return ps.reduceRight((n, m) => plus(m, n));
}

function plus<T>(m: Parser<T>, n: Parser<T>): Parser<T> {
  return (s) => {
    const r = m(s);
    if (r.ok || r.consumed) return r;
    const r2 = n(s);
    if (r2.consumed) return r2;
    return reply(r2, r2.consumed, mergeError(r.error, r2.error));
  };
}

export function attempt<T>(p: Parser<T>): Parser<T> {
  return (s) => {
    const r = p(s);
    return !r.ok && r.consumed ? { ok: false, consumed: false, error: r.error } : r;
  };
}

/** `<?>` */
export function label<T>(p: Parser<T>, ...labels: string[]): Parser<T> {
  return (s) => {
    const r = p(s);
    if (r.consumed) return r;
    if (r.ok && r.error.empty) return r;
    return reply(r, false, setExpectErrors(r.error, labels));
  };
}

export function lookAhead<T>(p: Parser<T>): Parser<T> {
  return (s) => {
    const r = p(s);
    if (!r.ok) return r;
    return { ok: true, consumed: false, value: r.value, state: s, error: unknownError(s.pos) };
  };
}

export function many<T>(p: Parser<T>): Parser<T[]> {
  return (s) => {
    const r = p(s);
    if (!r.ok) return r.consumed ? r : { ok: true, consumed: false, value: [], state: s, error: r.error };
    if (!r.consumed) throw new Error('many: parser accepts the empty string');
    const values = [r.value];
    let st = r.state;
    for (;;) {
      const r2 = p(st);
      if (r2.ok && r2.consumed) {
        values.push(r2.value);
        st = r2.state;
        continue;
      }
      if (r2.ok) throw new Error('many: parser accepts the empty string');
      if (r2.consumed) return r2;
      return { ok: true, consumed: true, value: values, state: st, error: r2.error };
    }
  };
}

export function many1<T>(p: Parser<T>): Parser<T[]> {
  return bind2(p, many(p), (x, xs) => [x, ...xs]);
}

export function skipMany<T>(p: Parser<T>): Parser<null> {
  return map(many(p), () => null);
}

export function option<T>(x: T, p: Parser<T>): Parser<T> {
  return alt(p, pure(x));
}

export function optionMaybe<T>(p: Parser<T>): Parser<T | null> {
  return option<T | null>(null, p);
}

export function optional<T>(p: Parser<T>): Parser<null> {
  return alt(as(p, null), pure(null));
}

export function between<O, C, T>(open: Parser<O>, close: Parser<C>, p: Parser<T>): Parser<T> {
  return andThen(open, before(p, close));
}

export function sepBy1<T, S>(p: Parser<T>, sep: Parser<S>): Parser<T[]> {
  return bind2(p, many(andThen(sep, p)), (x, xs) => [x, ...xs]);
}

export function sepBy<T, S>(p: Parser<T>, sep: Parser<S>): Parser<T[]> {
  return alt(sepBy1(p, sep), pure<T[]>([]));
}

export function choice<T>(ps: Parser<T>[]): Parser<T> {
  return alt(...ps);
}

export function notFollowedBy<T>(p: Parser<T>, show: (v: T) => string): Parser<null> {
  return attempt(
    alt<null>(
      bind(attempt(p), (c) => unexpected(show(c))),
      pure(null),
    ),
  );
}

export const eof: Parser<null> = label(notFollowedBy(anyToken, showChar), 'end of input');

export function manyTill<T, E>(p: Parser<T>, end: Parser<E>): Parser<T[]> {
  const scan: Parser<T[]> = alt(
    as(end, [] as T[]),
    bind2(
      p,
      lazy(() => scan),
      (x, xs) => [x, ...xs],
    ),
  );
  return scan;
}

/** Lazily refers to a parser defined later (recursive grammars). */
export function lazy<T>(f: () => Parser<T>): Parser<T> {
  let p: Parser<T> | null = null;
  return (s) => (p ??= f())(s);
}

/** Sequencing helper: `seq(a, b, c)` → [va, vb, vc] with Parsec's bind semantics. */
export function seq<A, B>(a: Parser<A>, b: Parser<B>): Parser<[A, B]>;
export function seq<A, B, C>(a: Parser<A>, b: Parser<B>, c: Parser<C>): Parser<[A, B, C]>;
export function seq<A, B, C, D>(a: Parser<A>, b: Parser<B>, c: Parser<C>, d: Parser<D>): Parser<[A, B, C, D]>;
export function seq(...ps: Parser<unknown>[]): Parser<unknown[]> {
  return ps.reduceRight<Parser<unknown[]>>(
    (rest, p) => bind2(p, rest, (v, vs) => [v, ...vs]),
    pure<unknown[]>([]),
  );
}
