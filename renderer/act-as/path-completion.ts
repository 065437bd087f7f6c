import type { ApiEmbeddable, ApiFunction, ApiModel, ApiRelation } from './api-model.js';

/**
 * Completion for the request path editor: relations and RPCs in the path, then — in the query string — reserved
 * parameters, columns, operators, embeddable relations and disambiguation hints. Pure and index-backed so it stays
 * well under a frame per keystroke on catalogs with thousands of tables (see bench/console).
 */
export type CompletionKind =
  'relation' | 'rpc' | 'column' | 'operator' | 'embed' | 'hint' | 'keyword' | 'value';

export interface CompletionItem {
  readonly label: string;
  /** The text that replaces [from, to). */
  readonly insert: string;
  readonly kind: CompletionKind;
  readonly detail: string;
}

export interface Completion {
  readonly from: number;
  readonly to: number;
  readonly items: readonly CompletionItem[];
}

export const OPERATORS: readonly (readonly [string, string])[] = [
  ['eq', 'equals'],
  ['neq', 'not equal'],
  ['gt', 'greater than'],
  ['gte', 'greater than or equal'],
  ['lt', 'less than'],
  ['lte', 'less than or equal'],
  ['like', 'LIKE, * for %'],
  ['ilike', 'ILIKE, * for %'],
  ['match', '~ regular expression'],
  ['imatch', '~* case-insensitive regex'],
  ['in', 'one of a list: in.(a,b)'],
  ['is', 'IS null / true / false / unknown'],
  ['isdistinct', 'IS DISTINCT FROM'],
  ['fts', 'full-text search (to_tsquery)'],
  ['plfts', 'plainto_tsquery'],
  ['phfts', 'phraseto_tsquery'],
  ['wfts', 'websearch_to_tsquery'],
  ['cs', 'contains @>'],
  ['cd', 'contained in <@'],
  ['ov', 'overlaps &&'],
  ['sl', 'strictly left of <<'],
  ['sr', 'strictly right of >>'],
  ['nxr', 'does not extend right &<'],
  ['nxl', 'does not extend left &>'],
  ['adj', 'adjacent -|-'],
  ['not', 'negates the operator that follows'],
];
const OPERATOR_NAMES = new Set(OPERATORS.map(([o]) => o));

const RESERVED: readonly (readonly [string, string])[] = [
  ['select', 'columns and embedded resources to return'],
  ['order', 'sort: col.asc, col.desc.nullslast'],
  ['limit', 'at most this many rows'],
  ['offset', 'skip this many rows'],
  ['and', 'all of: and=(a.eq.1,b.gt.2)'],
  ['or', 'any of: or=(a.eq.1,b.gt.2)'],
  ['not.and', 'not all of'],
  ['not.or', 'none of'],
  ['on_conflict', 'upsert: the unique columns'],
  ['columns', 'insert/update: the payload keys to use'],
];
const RESERVED_KEYS = new Set(RESERVED.map(([k]) => k));
const CASTS = [
  'text',
  'integer',
  'bigint',
  'numeric',
  'boolean',
  'json',
  'jsonb',
  'date',
  'timestamptz',
  'uuid',
];
const ORDER_MODIFIERS: readonly (readonly [string, string])[] = [
  ['asc', 'ascending'],
  ['desc', 'descending'],
  ['nullsfirst', 'NULLs first'],
  ['nullslast', 'NULLs last'],
];

interface Embed {
  readonly name: string;
  readonly relation: ApiRelation;
  /** FK constraint names and columns that can disambiguate it (`!hint`). */
  readonly hints: readonly string[];
  readonly cardinality: ApiEmbeddable['cardinality'];
}

const MAX_ITEMS = 200;
const key = (schema: string, name: string) => `${schema}\u0000${name}`;

/** Built once per catalog; `complete` is then cheap enough for every keystroke. */
export class PathCompleter {
  private readonly relations = new Map<string, ApiRelation>();
  private readonly functions = new Map<string, ApiFunction>();
  private readonly relationNames = new Map<string, readonly string[]>();
  private readonly functionNames = new Map<string, readonly string[]>();
  /** Lower-cased twins of the name lists, so a keystroke's "contains" scan allocates nothing. */
  private readonly lowered = new Map<readonly string[], readonly string[]>();
  private readonly incoming = new Map<
    string,
    { from: ApiRelation; fk: ApiRelation['foreignKeys'][number] }[]
  >();
  private readonly embedCache = new Map<string, readonly Embed[]>();
  /** The host's embeddables by origin relation, when the model carries them. */
  private readonly embeddablesFrom: Map<string, ApiEmbeddable[]> | null;

  constructor(readonly model: ApiModel) {
    this.embeddablesFrom = model.embeddables ? new Map() : null;
    for (const e of model.embeddables ?? []) {
      const k = key(e.from.schema, e.from.name);
      (this.embeddablesFrom!.get(k) ?? this.embeddablesFrom!.set(k, []).get(k)!).push(e);
    }
    const rel = new Map<string, string[]>();
    const fn = new Map<string, string[]>();
    for (const r of model.relations) {
      this.relations.set(key(r.schema, r.name), r);
      (rel.get(r.schema) ?? rel.set(r.schema, []).get(r.schema)!).push(r.name);
      for (const fk of r.foreignKeys) {
        const k = key(fk.target.schema, fk.target.name);
        (this.incoming.get(k) ?? this.incoming.set(k, []).get(k)!).push({ from: r, fk });
      }
    }
    for (const f of model.functions) {
      this.functions.set(key(f.schema, f.name), f);
      (fn.get(f.schema) ?? fn.set(f.schema, []).get(f.schema)!).push(f.name);
    }
    for (const [s, names] of rel) this.relationNames.set(s, [...new Set(names)].sort());
    for (const [s, names] of fn) this.functionNames.set(s, [...new Set(names)].sort());
    for (const list of [...this.relationNames.values(), ...this.functionNames.values()])
      this.lowered.set(
        list,
        list.map((n) => n.toLowerCase()),
      );
  }

  get defaultSchema(): string {
    return this.model.schemas[0] ?? 'public';
  }

  relation(name: string, schema = this.defaultSchema): ApiRelation | undefined {
    return this.relations.get(key(schema, name));
  }

  fn(name: string, schema = this.defaultSchema): ApiFunction | undefined {
    return this.functions.get(key(schema, name));
  }

  /**
   * Relations `r` can embed: the host's schema cache list when loaded (many-to-many, computed, views included),
   * else its FK targets and the relations pointing at it (same exposed schema).
   */
  embeds(r: ApiRelation): readonly Embed[] {
    const k = key(r.schema, r.name);
    const cached = this.embedCache.get(k);
    if (cached) return cached;
    const out: Embed[] = [];
    if (this.embeddablesFrom) {
      for (const e of this.embeddablesFrom.get(k) ?? []) {
        const target = this.relations.get(key(e.target.schema, e.target.name));
        if (target) out.push({ name: e.name, relation: target, hints: e.hints, cardinality: e.cardinality });
      }
      this.embedCache.set(k, out);
      return out;
    }
    for (const fk of r.foreignKeys) {
      const target = this.relations.get(key(fk.target.schema, fk.target.name));
      if (target)
        out.push({
          name: target.name,
          relation: target,
          hints: [fk.name, ...fk.columns],
          cardinality: 'many-to-one',
        });
    }
    for (const { from, fk } of this.incoming.get(k) ?? [])
      out.push({
        name: from.name,
        relation: from,
        hints: [fk.name, ...fk.columns],
        cardinality: 'one-to-many',
      });
    this.embedCache.set(k, out);
    return out;
  }

  /** The relation a request path targets (a table/view, or the relation an RPC returns). */
  target(
    path: string,
    schema = this.defaultSchema,
  ): { relation: ApiRelation | null; fn: ApiFunction | null } {
    const q = path.indexOf('?');
    const seg = decodeURIComponent(safe(path.slice(0, q < 0 ? path.length : q))).replace(/^\//, '');
    if (seg.startsWith('rpc/')) {
      const f = this.fn(seg.slice(4), schema) ?? null;
      const r = f?.returnsRelation
        ? (this.relation(f.returnsRelation.name, f.returnsRelation.schema) ?? null)
        : null;
      return { relation: r, fn: f };
    }
    return { relation: this.relation(seg, schema) ?? null, fn: null };
  }

  complete(path: string, cursor: number, schema = this.defaultSchema): Completion {
    const q = path.indexOf('?');
    if (q < 0 || cursor <= q) return this.completeSegment(path, cursor, q < 0 ? path.length : q, schema);
    const paramStart = path.lastIndexOf('&', cursor - 1) + 1 || q + 1;
    const start = Math.max(paramStart, q + 1);
    const ampAfter = path.indexOf('&', cursor);
    const paramEnd = ampAfter < 0 ? path.length : ampAfter;
    const param = path.slice(start, paramEnd);
    const eq = param.indexOf('=');
    const { relation, fn } = this.target(path, schema);
    if (eq < 0 || cursor <= start + eq) {
      const keyText = path.slice(start, cursor);
      const keyEnd = eq < 0 ? paramEnd : start + eq;
      const dot = keyText.lastIndexOf('.');
      if (dot >= 0 && !keyText.startsWith('not.')) {
        // embedded filter `items.quantity=…`: columns of the embedded relation
        const embedName = keyText.slice(0, dot).split('.').pop() ?? '';
        const embedded = relation
          ? this.embeds(relation).find((e) => e.name === embedName)?.relation
          : undefined;
        return this.result(
          start + dot + 1,
          keyEnd,
          keyText.slice(dot + 1),
          embedded ? columnItems(embedded, '=') : [],
        );
      }
      const items: CompletionItem[] = RESERVED.map(([k, d]) => ({
        label: k,
        insert: k === 'and' || k === 'or' || k.startsWith('not.') ? `${k}=(` : `${k}=`,
        kind: 'keyword' as const,
        detail: d,
      }));
      if (fn)
        for (const a of fn.args)
          if (a.name)
            items.push({
              label: a.name,
              insert: `${a.name}=`,
              kind: 'column',
              detail: `argument · ${a.type}`,
            });
      if (relation) items.push(...columnItems(relation, '='));
      return this.result(start, keyEnd, keyText, items);
    }
    const name = param.slice(0, eq);
    const valueStart = start + eq + 1;
    const value = path.slice(valueStart, cursor);
    const base = name.split('.');
    const last = base[base.length - 1] ?? '';
    // `items.order=` etc.: reserved parameters of an embedded resource
    const ctxRelation =
      base.length > 1 && relation && RESERVED_KEYS.has(last)
        ? base
            .slice(0, -1)
            .reduce<ApiRelation | null>(
              (r, n) => (r ? (this.embeds(r).find((e) => e.name === n)?.relation ?? null) : null),
              relation,
            )
        : relation;
    const reservedName = base.length > 1 && RESERVED_KEYS.has(last) && !name.startsWith('not.') ? last : name;
    switch (reservedName) {
      case 'select':
        return this.completeSelect(value, valueStart, paramEnd, ctxRelation);
      case 'order': {
        const tokStart = value.lastIndexOf(',') + 1;
        const tok = value.slice(tokStart);
        const dot = tok.lastIndexOf('.');
        const to = tokenEnd(path, cursor, paramEnd, ',.');
        if (dot >= 0)
          return this.result(
            valueStart + tokStart + dot + 1,
            to,
            tok.slice(dot + 1),
            ORDER_MODIFIERS.map(([m, d]) => ({ label: m, insert: m, kind: 'keyword', detail: d })),
          );
        return this.result(valueStart + tokStart, to, tok, ctxRelation ? columnItems(ctxRelation, '') : []);
      }
      case 'on_conflict':
      case 'columns': {
        const tokStart = value.lastIndexOf(',') + 1;
        return this.result(
          valueStart + tokStart,
          tokenEnd(path, cursor, paramEnd, ','),
          value.slice(tokStart),
          ctxRelation ? columnItems(ctxRelation, '') : [],
        );
      }
      case 'limit':
      case 'offset':
        return { from: cursor, to: cursor, items: [] };
      case 'and':
      case 'or':
      case 'not.and':
      case 'not.or': {
        const tokStart = Math.max(value.lastIndexOf('('), value.lastIndexOf(',')) + 1;
        const tok = value.slice(tokStart);
        const parts = tok.split('.');
        const to = tokenEnd(path, cursor, paramEnd, ',.()');
        if (parts.length === 1) {
          const items: CompletionItem[] = ctxRelation ? columnItems(ctxRelation, '.') : [];
          items.push(
            { label: 'and', insert: 'and(', kind: 'keyword', detail: 'nested all of' },
            { label: 'or', insert: 'or(', kind: 'keyword', detail: 'nested any of' },
          );
          return this.result(valueStart + tokStart, to, tok, items);
        }
        const opIdx = parts[1] === 'not' ? 2 : 1;
        if (parts.length === opIdx + 1) {
          const from = valueStart + tokStart + parts.slice(0, opIdx).join('.').length + 1;
          return this.result(from, to, parts[opIdx] ?? '', operatorItems());
        }
        return { from: cursor, to: cursor, items: [] };
      }
      default:
        return this.completeFilterValue(value, valueStart, cursor, paramEnd, path);
    }
  }

  private completeSegment(path: string, cursor: number, end: number, schema: string): Completion {
    const before = path.slice(0, cursor);
    if (before.startsWith('/rpc/')) {
      const prefix = before.slice(5);
      const names = this.functionNames.get(schema) ?? [];
      return this.result(
        5,
        end,
        prefix,
        filterNames(names, prefix, this.lowered.get(names)).map((n) => {
          const f = this.fn(n, schema)!;
          return {
            label: n,
            insert: n,
            kind: 'rpc',
            detail: `(${f.args.map((a) => a.name).join(', ')}) → ${f.returns}`,
          };
        }),
        true,
      );
    }
    const prefix = before.replace(/^\//, '');
    const names = this.relationNames.get(schema) ?? [];
    const items: CompletionItem[] = [];
    if ('rpc/'.startsWith(prefix.toLowerCase()))
      items.push({ label: 'rpc/', insert: 'rpc/', kind: 'keyword', detail: 'call a function' });
    for (const n of filterNames(names, prefix, this.lowered.get(names))) {
      const r = this.relation(n, schema)!;
      items.push({
        label: n,
        insert: n,
        kind: 'relation',
        detail: `${r.kind.replace('_', ' ')} · ${r.columns.length} columns`,
      });
    }
    return this.result(path.startsWith('/') ? 1 : 0, end, prefix, items, true);
  }

  private completeSelect(
    value: string,
    valueStart: number,
    paramEnd: number,
    root: ApiRelation | null,
  ): Completion {
    // Walk the select list to find the relation the cursor is in (embedding nests with parentheses).
    const stack: (ApiRelation | null)[] = [root];
    let tokStart = 0;
    for (let i = 0; i < value.length; i++) {
      const c = value[i];
      if (c === '(') {
        const current = stack[stack.length - 1] ?? null;
        const embedName = embedTokenName(value.slice(tokStart, i));
        const next = current
          ? (this.embeds(current).find((e) => e.name === embedName)?.relation ??
            this.relation(embedName, current.schema) ??
            null)
          : null;
        stack.push(next);
        tokStart = i + 1;
      } else if (c === ')') {
        if (stack.length > 1) stack.pop();
        tokStart = i + 1;
      } else if (c === ',') tokStart = i + 1;
    }
    const current = stack[stack.length - 1] ?? null;
    const tok = value.slice(tokStart);
    const to = valueStart + value.length; // replace only up to the cursor inside nested lists
    void paramEnd;
    const bang = tok.lastIndexOf('!');
    if (bang >= 0) {
      const embedName = embedTokenName(tok.slice(0, bang));
      const embed = current ? this.embeds(current).filter((e) => e.name === embedName) : [];
      const hints = embed.flatMap((e) =>
        e.hints.map((h) => ({
          label: h,
          insert: h,
          kind: 'hint' as CompletionKind,
          detail:
            e.cardinality === 'many-to-many'
              ? `${e.cardinality} through ${e.hints[0]}`
              : `${e.cardinality} via ${e.hints[0]}`,
        })),
      );
      hints.push(
        { label: 'inner', insert: 'inner', kind: 'keyword', detail: 'inner join: drop rows without a match' },
        { label: 'left', insert: 'left', kind: 'keyword', detail: 'left join (default)' },
      );
      return this.result(valueStart + tokStart + bang + 1, to, tok.slice(bang + 1), dedupe(hints));
    }
    const cast = tok.lastIndexOf('::');
    if (cast >= 0)
      return this.result(
        valueStart + tokStart + cast + 2,
        to,
        tok.slice(cast + 2),
        CASTS.map((t) => ({ label: t, insert: t, kind: 'keyword', detail: 'cast' })),
      );
    let off = 0;
    if (tok.startsWith('...')) off = 3;
    const colon = tok.indexOf(':', off);
    if (colon >= 0) off = colon + 1;
    const prefix = tok.slice(off);
    const items: CompletionItem[] = [{ label: '*', insert: '*', kind: 'keyword', detail: 'all columns' }];
    if (current) {
      items.push(...columnItems(current, ''));
      for (const e of this.embeds(current))
        items.push({
          label: e.name,
          insert: `${e.name}(`,
          kind: 'embed',
          detail: `embed · ${e.cardinality}`,
        });
    }
    return this.result(valueStart + tokStart + off, to, prefix, dedupe(items));
  }

  private completeFilterValue(
    value: string,
    valueStart: number,
    cursor: number,
    paramEnd: number,
    path: string,
  ): Completion {
    const parts = value.split('.');
    const to = tokenEnd(path, cursor, paramEnd, '.');
    if (parts.length === 1 || (parts.length === 2 && parts[0] === 'not')) {
      const prefix = parts[parts.length - 1] ?? '';
      return this.result(cursor - prefix.length, to, prefix, operatorItems());
    }
    const op = (parts[0] === 'not' ? parts[1] : parts[0]) ?? '';
    const valueParts = parts.slice(parts[0] === 'not' ? 2 : 1);
    if (op === 'is' && valueParts.length === 1) {
      const prefix = valueParts[0] ?? '';
      return this.result(
        cursor - prefix.length,
        to,
        prefix,
        ['null', 'not_null', 'true', 'false', 'unknown'].map((v) => ({
          label: v,
          insert: v,
          kind: 'value',
          detail: `IS ${v.toUpperCase().replace('_', ' ')}`,
        })),
      );
    }
    if (op === 'in' && valueParts.join('.') === '')
      return {
        from: cursor,
        to: cursor,
        items: [{ label: '(', insert: '(', kind: 'value', detail: 'in.(a,b,c)' }],
      };
    void valueStart;
    return { from: cursor, to: cursor, items: [] };
  }

  private result(
    from: number,
    to: number,
    prefix: string,
    items: readonly CompletionItem[],
    presorted = false,
  ): Completion {
    const p = prefix.toLowerCase();
    const starts: CompletionItem[] = [];
    const contains: CompletionItem[] = [];
    for (const it of items) {
      const l = it.label.toLowerCase();
      if (l.startsWith(p)) starts.push(it);
      else if (p.length > 0 && l.includes(p)) contains.push(it);
      if (starts.length >= MAX_ITEMS) break;
    }
    void presorted;
    return { from, to: Math.max(from, to), items: [...starts, ...contains].slice(0, MAX_ITEMS) };
  }
}

function safe(s: string): string {
  try {
    decodeURIComponent(s);
    return s;
  } catch {
    return s.replace(/%/g, '%25');
  }
}

function columnItems(r: ApiRelation, suffix: string): CompletionItem[] {
  return r.columns.map((c) => ({
    label: c.name,
    insert: `${c.name}${suffix}`,
    kind: 'column',
    detail: `${r.name}.${c.name} · ${c.type}`,
  }));
}

function operatorItems(): CompletionItem[] {
  return OPERATORS.map(([o, d]) => ({ label: o, insert: `${o}.`, kind: 'operator', detail: d }));
}

/** The relation name of a select token: strips the spread, the alias, the hint and the join type. */
function embedTokenName(tok: string): string {
  let t = tok.trim();
  if (t.startsWith('...')) t = t.slice(3);
  const colon = t.indexOf(':');
  if (colon >= 0 && t[colon + 1] !== ':') t = t.slice(colon + 1);
  const bang = t.indexOf('!');
  return bang >= 0 ? t.slice(0, bang) : t;
}

/** Where the token under the cursor ends: the next delimiter or the end of the parameter. */
function tokenEnd(path: string, cursor: number, paramEnd: number, delimiters: string): number {
  let i = cursor;
  while (i < paramEnd && !delimiters.includes(path[i]!)) i++;
  return i;
}

/** Binary search for names starting with the prefix, then a bounded scan for names containing it. */
function filterNames(
  sorted: readonly string[],
  prefix: string,
  lower: readonly string[] = sorted.map((n) => n.toLowerCase()),
): string[] {
  if (prefix === '') return sorted.slice(0, MAX_ITEMS);
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  const first = lo;
  for (let i = lo; i < sorted.length && out.length < MAX_ITEMS && sorted[i]!.startsWith(prefix); i++)
    out.push(sorted[i]!);
  const taken = out.length;
  if (out.length < MAX_ITEMS) {
    const p = prefix.toLowerCase();
    for (let i = 0; i < lower.length && out.length < MAX_ITEMS; i++) {
      if (i >= first && i < first + taken) continue; // already listed as prefix matches
      if (lower[i]!.includes(p)) out.push(sorted[i]!);
    }
  }
  return out;
}

function dedupe(items: CompletionItem[]): CompletionItem[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(i.kind + i.label) ? false : (seen.add(i.kind + i.label), true)));
}

export { OPERATOR_NAMES, RESERVED_KEYS };
