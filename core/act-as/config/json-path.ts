/**
 * RFC 9535 JSONPath as PostgREST 16 reads `jwt-role-claim-key` (Config/JSPath.hs, through aeson-jsonpath 0.4):
 * name, index, slice, wildcard and filter selectors, child and descendant segments; filters with `||`, `&&`, `!`,
 * parentheses, comparisons of literals and singular queries, existence tests and `search(value, regex)` — the one
 * function aeson-jsonpath implements (`length`, `count`, `match`, `value` do not parse there, so not here).
 * Object members are visited in key order (aeson's KeyMap). The role is the first node of the result.
 *
 * @example
 *   evaluateJsonPath(parseJsonPath('$.roles[?search(@, "^app_")]'), { roles: ['x', 'app_user'] }) // ['app_user']
 */
import type { Json } from '../errors/pgrst-error.js';

export type Selector =
  | { readonly type: 'name'; readonly name: string }
  | { readonly type: 'wildcard' }
  | { readonly type: 'index'; readonly index: number }
  | {
      readonly type: 'slice';
      readonly start: number | null;
      readonly end: number | null;
      readonly step: number;
    }
  | { readonly type: 'filter'; readonly expr: LogicalExpr };

export interface Segment {
  readonly descendant: boolean;
  readonly selectors: readonly Selector[];
}

export interface JsonPathQuery {
  readonly root: '$' | '@';
  readonly segments: readonly Segment[];
}

type Literal = { readonly type: 'literal'; readonly value: Json };
type Comparable = Literal | { readonly type: 'singular'; readonly query: JsonPathQuery };
type FunctionArg = Literal | { readonly type: 'query'; readonly query: JsonPathQuery };
type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type LogicalExpr =
  | { readonly type: 'or'; readonly items: readonly LogicalExpr[] }
  | { readonly type: 'and'; readonly items: readonly LogicalExpr[] }
  | { readonly type: 'not'; readonly expr: LogicalExpr }
  | { readonly type: 'exists'; readonly query: JsonPathQuery }
  | { readonly type: 'search'; readonly args: readonly [FunctionArg, FunctionArg] }
  | {
      readonly type: 'compare';
      readonly op: CompareOp;
      readonly left: Comparable;
      readonly right: Comparable;
    };

export class JsonPathSyntaxError extends Error {}

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  fail(what: string): never {
    throw new JsonPathSyntaxError(`${what} at position ${this.i + 1}`);
  }
  peek(n = 0): string {
    return this.s[this.i + n] ?? '';
  }
  startsWith(t: string): boolean {
    return this.s.startsWith(t, this.i);
  }
  eat(t: string): boolean {
    if (!this.startsWith(t)) return false;
    this.i += t.length;
    return true;
  }
  expect(t: string): void {
    if (!this.eat(t)) this.fail(`expected "${t}"`);
  }
  blank(): void {
    while (' \t\n\r'.includes(this.peek()) && this.peek() !== '') this.i++;
  }

  query(root: '$' | '@'): JsonPathQuery {
    this.expect(root);
    const segments: Segment[] = [];
    for (;;) {
      const save = this.i;
      this.blank();
      const seg = this.segment();
      if (seg === null) {
        this.i = save;
        break;
      }
      segments.push(seg);
    }
    return { root, segments };
  }

  segment(): Segment | null {
    if (this.startsWith('..')) {
      this.i += 2;
      if (this.peek() === '[') return { descendant: true, selectors: this.bracketed() };
      if (this.eat('*')) return { descendant: true, selectors: [{ type: 'wildcard' }] };
      return { descendant: true, selectors: [{ type: 'name', name: this.shorthand() }] };
    }
    if (this.peek() === '.') {
      this.i++;
      if (this.eat('*')) return { descendant: false, selectors: [{ type: 'wildcard' }] };
      return { descendant: false, selectors: [{ type: 'name', name: this.shorthand() }] };
    }
    if (this.peek() === '[') return { descendant: false, selectors: this.bracketed() };
    return null;
  }

  shorthand(): string {
    const m = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*/u.exec(this.s.slice(this.i));
    if (!m) this.fail('expected a member name');
    this.i += m[0].length;
    return m[0];
  }

  bracketed(): Selector[] {
    this.expect('[');
    const out: Selector[] = [];
    do {
      this.blank();
      out.push(this.selector());
      this.blank();
    } while (this.eat(','));
    this.expect(']');
    return out;
  }

  selector(): Selector {
    const c = this.peek();
    if (c === "'" || c === '"') return { type: 'name', name: this.string() };
    if (this.eat('*')) return { type: 'wildcard' };
    if (this.eat('?')) {
      this.blank();
      return { type: 'filter', expr: this.or() };
    }
    const start = this.peek() === ':' ? null : this.int();
    this.blank();
    if (!this.eat(':')) {
      if (start === null) this.fail('expected a selector');
      return { type: 'index', index: start };
    }
    this.blank();
    const end = this.peek() === '-' || /[0-9]/.test(this.peek()) ? this.int() : null;
    this.blank();
    let step = 1;
    if (this.eat(':')) {
      this.blank();
      if (this.peek() === '-' || /[0-9]/.test(this.peek())) step = this.int();
    }
    return { type: 'slice', start, end, step };
  }

  int(): number {
    const m = /^(?:0|-?[1-9][0-9]*)/.exec(this.s.slice(this.i));
    if (!m) this.fail('expected an integer');
    this.i += m[0].length;
    const n = Number(m[0]);
    if (!Number.isSafeInteger(n)) this.fail('integer out of range');
    return n;
  }

  string(): string {
    const quote = this.peek();
    this.i++;
    let out = '';
    for (;;) {
      const c = this.peek();
      if (c === '') this.fail('unterminated string');
      this.i++;
      if (c === quote) return out;
      if (c === '\\') {
        const e = this.peek();
        this.i++;
        const simple: Record<string, string> = {
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
          '/': '/',
          '\\': '\\',
        };
        if (e === quote) out += quote;
        else if (e in simple) out += simple[e];
        else if (e === 'u') {
          const hex = this.s.slice(this.i, this.i + 4);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) this.fail('invalid \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          this.i += 4;
        } else this.fail('invalid escape');
      } else if (c < ' ') this.fail('control character in string');
      else out += c;
    }
  }

  or(): LogicalExpr {
    const items = [this.and()];
    for (;;) {
      this.blank();
      if (!this.eat('||')) break;
      this.blank();
      items.push(this.and());
    }
    return items.length === 1 ? items[0]! : { type: 'or', items };
  }

  and(): LogicalExpr {
    const items = [this.basic()];
    for (;;) {
      this.blank();
      if (!this.eat('&&')) break;
      this.blank();
      items.push(this.basic());
    }
    return items.length === 1 ? items[0]! : { type: 'and', items };
  }

  basic(): LogicalExpr {
    if (this.eat('!')) {
      this.blank();
      if (this.eat('(')) return { type: 'not', expr: this.paren() };
      return { type: 'not', expr: this.test() };
    }
    if (this.eat('(')) return this.paren();
    const save = this.i;
    const left = this.comparableOrNull();
    if (left !== null) {
      this.blank();
      const op = (['==', '!=', '<=', '>=', '<', '>'] as const).find((o) => this.eat(o));
      if (op) {
        this.blank();
        const right = this.comparableOrNull();
        if (right === null) this.fail('expected a comparable');
        return { type: 'compare', op, left, right };
      }
    }
    this.i = save;
    return this.test();
  }

  paren(): LogicalExpr {
    this.blank();
    const e = this.or();
    this.blank();
    this.expect(')');
    return e;
  }

  test(): LogicalExpr {
    if (this.startsWith('search(')) {
      this.i += 'search('.length;
      this.blank();
      const a = this.functionArg();
      this.blank();
      this.expect(',');
      this.blank();
      const b = this.functionArg();
      this.blank();
      this.expect(')');
      return { type: 'search', args: [a, b] };
    }
    const c = this.peek();
    if (c === '@' || c === '$') return { type: 'exists', query: this.query(c) };
    return this.fail('expected a filter expression');
  }

  functionArg(): FunctionArg {
    const c = this.peek();
    if (c === '@' || c === '$') return { type: 'query', query: this.query(c) };
    const lit = this.literalOrNull();
    if (lit === null) this.fail('expected a function argument');
    return lit;
  }

  literalOrNull(): Literal | null {
    const c = this.peek();
    if (c === "'" || c === '"') return { type: 'literal', value: this.string() };
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const)
      if (this.startsWith(word) && !/[A-Za-z0-9_]/.test(this.peek(word.length))) {
        this.i += word.length;
        return { type: 'literal', value };
      }
    const m = /^(?:-?(?:0|[1-9][0-9]*)|-0)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/.exec(this.s.slice(this.i));
    if (m) {
      this.i += m[0].length;
      return { type: 'literal', value: Number(m[0]) };
    }
    return null;
  }

  comparableOrNull(): Comparable | null {
    const c = this.peek();
    if (c === '@' || c === '$') {
      const q = this.query(c);
      const singular = q.segments.every(
        (s) => !s.descendant && s.selectors.length === 1 && ['name', 'index'].includes(s.selectors[0]!.type),
      );
      return singular ? { type: 'singular', query: q } : null;
    }
    return this.literalOrNull();
  }
}

/** Parses an RFC 9535 query (`$…`); throws JsonPathSyntaxError when it is not one. */
export function parseJsonPath(source: string): JsonPathQuery {
  const p = new Parser(source);
  const q = p.query('$');
  if (p.i !== source.length) p.fail('unexpected input');
  return q;
}

function isObject(v: Json | undefined): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** aeson's KeyMap is ordered by key. */
function members(o: { [k: string]: Json }): Json[] {
  return Object.keys(o)
    .sort()
    .map((k) => o[k]!);
}

function slice(arr: readonly Json[], start: number | null, end: number | null, step: number): Json[] {
  const len = arr.length;
  const norm = (i: number) => (i >= 0 ? i : len + i);
  const out: Json[] = [];
  if (step > 0) {
    const lower = Math.min(Math.max(start === null ? 0 : norm(start), 0), len);
    const upper = Math.min(Math.max(end === null ? len : norm(end), 0), len);
    for (let i = lower; i < upper; i += step) out.push(arr[i]!);
  } else if (step < 0) {
    const upper = Math.min(Math.max(start === null ? len - 1 : norm(start), -1), len - 1);
    const lower = Math.min(Math.max(end === null ? -1 : norm(end), -1), len - 1);
    for (let i = upper; lower < i; i += step) out.push(arr[i]!);
  }
  return out;
}

function select(sel: Selector, v: Json, root: Json): Json[] {
  switch (sel.type) {
    case 'name':
      return isObject(v) && Object.hasOwn(v, sel.name) ? [v[sel.name]!] : [];
    case 'wildcard':
      return Array.isArray(v) ? [...v] : isObject(v) ? members(v) : [];
    case 'index': {
      if (!Array.isArray(v)) return [];
      const x = v[sel.index >= 0 ? sel.index : sel.index + v.length];
      return x === undefined ? [] : [x];
    }
    case 'slice':
      return Array.isArray(v) ? slice(v, sel.start, sel.end, sel.step) : [];
    case 'filter': {
      const items = Array.isArray(v) ? v : isObject(v) ? members(v) : [];
      return items.filter((x) => holds(sel.expr, x, root));
    }
  }
}

/** Every value at and below `v`, the node itself first (aeson-jsonpath's allElemsRecursive). */
function descendants(v: Json): Json[] {
  const out: Json[] = [v];
  if (Array.isArray(v)) for (const x of v) out.push(...descendants(x));
  else if (isObject(v)) for (const x of members(v)) out.push(...descendants(x));
  return out;
}

function run(q: JsonPathQuery, current: Json, root: Json): Json[] {
  let nodes: Json[] = [q.root === '$' ? root : current];
  for (const seg of q.segments) {
    const next: Json[] = [];
    for (const n of nodes)
      for (const d of seg.descendant ? descendants(n) : [n])
        for (const sel of seg.selectors) next.push(...select(sel, d, root));
    nodes = next;
  }
  return nodes;
}

/** A singular query's value (aeson-jsonpath: a negative index finds nothing here). */
function singular(q: JsonPathQuery, current: Json, root: Json): Json | undefined {
  let v: Json | undefined = q.root === '$' ? root : current;
  for (const seg of q.segments) {
    const sel = seg.selectors[0]!;
    if (sel.type === 'name') v = isObject(v) && Object.hasOwn(v, sel.name) ? v[sel.name] : undefined;
    else if (sel.type === 'index') v = Array.isArray(v) && sel.index >= 0 ? v[sel.index] : undefined;
    if (v === undefined) return undefined;
  }
  return v;
}

function equal(a: Json | undefined, b: Json | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]));
  }
  return a === b;
}

function less(a: Json | undefined, b: Json | undefined): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') return a < b;
  return false;
}

function compare(op: CompareOp, a: Json | undefined, b: Json | undefined): boolean {
  switch (op) {
    case '==':
      return equal(a, b);
    case '!=':
      return !equal(a, b);
    case '<':
      return less(a, b);
    case '<=':
      return less(a, b) || equal(a, b);
    case '>':
      return less(b, a);
    case '>=':
      return less(b, a) || equal(a, b);
  }
}

/** search(): a string argument, or a query yielding exactly one string. */
function searchArg(arg: FunctionArg, current: Json, root: Json): string | null {
  if (arg.type === 'literal') return typeof arg.value === 'string' ? arg.value : null;
  const nodes = run(arg.query, current, root);
  return nodes.length === 1 && typeof nodes[0] === 'string' ? nodes[0] : null;
}

function holds(e: LogicalExpr, current: Json, root: Json): boolean {
  switch (e.type) {
    case 'or':
      return e.items.some((x) => holds(x, current, root));
    case 'and':
      return e.items.every((x) => holds(x, current, root));
    case 'not':
      return !holds(e.expr, current, root);
    case 'exists':
      return run(e.query, current, root).length > 0;
    case 'compare': {
      const val = (c: Comparable) => (c.type === 'literal' ? c.value : singular(c.query, current, root));
      return compare(e.op, val(e.left), val(e.right));
    }
    case 'search': {
      const text = searchArg(e.args[0], current, root);
      const pattern = searchArg(e.args[1], current, root);
      if (text === null || pattern === null) return false;
      try {
        // regex-tdfa's `=~`: does the (POSIX extended) pattern match anywhere in the text.
        return new RegExp(pattern, 'u').test(text);
      } catch {
        return false;
      }
    }
  }
}

/** The nodes the query selects in `json`, in RFC 9535's order. */
export function evaluateJsonPath(q: JsonPathQuery, json: Json): Json[] {
  return run(q, json, json);
}
