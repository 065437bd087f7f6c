import { OPERATOR_NAMES, RESERVED_KEYS, type PathCompleter } from './path-completion.js';

/** A mistake in the request path, with the span to underline. Errors block sending. */
export interface PathProblem {
  readonly offset: number;
  readonly length: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

const OP_RE = /^([a-z]+)(\((any|all)\))?$/;

/**
 * Checks a request target the way PostgREST's parser would reject it (errors) and flags names the schema cache
 * will not find (warnings — PostgREST's own 404 is worth seeing, so those are still sent).
 */
export function checkPath(
  path: string,
  completer: PathCompleter | null,
  method = 'GET',
  schema?: string,
): PathProblem[] {
  const problems: PathProblem[] = [];
  const add = (offset: number, length: number, message: string, severity: 'error' | 'warning' = 'error') =>
    problems.push({ offset, length: Math.max(1, length), message, severity });
  if (!path.startsWith('/')) {
    add(0, 1, 'The path starts with "/", e.g. /orders?select=*.');
    return problems;
  }
  if (/\s/.test(path)) {
    const i = path.search(/\s/);
    add(i, 1, 'Spaces must be percent-encoded (%20) in a URL.');
  }
  const q = path.indexOf('?');
  const segment = path.slice(1, q < 0 ? path.length : q);
  if (completer && segment !== '') {
    if (segment.startsWith('rpc/')) {
      const name = segment.slice(4);
      if (name === '') add(5, 1, 'Name the function after /rpc/.');
      else if (!completer.fn(name, schema))
        add(
          5,
          name.length,
          `No function "${name}" in schema "${schema ?? completer.defaultSchema}": PostgREST will answer 404 (PGRST202).`,
          'warning',
        );
    } else if (segment.includes('/')) {
      add(1, segment.length, 'A path names one relation (/orders) or one function (/rpc/place_order).');
    } else if (!completer.relation(safeDecode(segment), schema)) {
      add(
        1,
        segment.length,
        `No table or view "${safeDecode(segment)}" in schema "${schema ?? completer.defaultSchema}": PostgREST will answer 404 (PGRST205).`,
        'warning',
      );
    }
  }
  if (q < 0) return problems;
  const { relation } = completer ? completer.target(path, schema) : { relation: null };
  let at = q + 1;
  for (const param of path.slice(q + 1).split('&')) {
    const start = at;
    at += param.length + 1;
    if (param === '') continue;
    const eq = param.indexOf('=');
    if (eq < 0) {
      add(start, param.length, `"${param}" has no "=": write ${param}=<value>.`);
      continue;
    }
    const name = safeDecode(param.slice(0, eq));
    const value = safeDecode(param.slice(eq + 1));
    const vStart = start + eq + 1;
    const last = name.split('.').pop() ?? name;
    const reserved =
      RESERVED_KEYS.has(name) ||
      (name.includes('.') && RESERVED_KEYS.has(last)) ||
      /(^|\.)(not\.)?(and|or)$/.test(name);
    if (name === 'select' || last === 'select') {
      const bal = balance(value);
      if (bal !== null) add(vStart + bal.offset, 1, bal.message);
      const empty = /(^|[,(]),|,(\)|$)|\(\)/.exec(value);
      if (empty && value !== '')
        add(vStart + empty.index, empty[0].length, 'An empty item in the select list.');
    } else if (name === 'limit' || name === 'offset' || last === 'limit' || last === 'offset') {
      if (!/^\d+$/.test(value)) add(vStart, value.length, `${last} takes a whole number, e.g. ${last}=10.`);
    } else if (name === 'order' || last === 'order') {
      let off = 0;
      for (const item of value.split(',')) {
        const parts = item.split('.');
        const mods = parts
          .slice(1)
          .filter((p) => !['asc', 'desc', 'nullsfirst', 'nullslast'].includes(p) && !/^[a-z_]+$/i.test(p));
        if (item === '') add(vStart + off, 1, 'An empty item in the order list.');
        else if (mods.length > 0)
          add(
            vStart + off,
            item.length,
            `Cannot parse "${item}": use column.asc / column.desc[.nullsfirst|.nullslast].`,
          );
        off += item.length + 1;
      }
    } else if (/^([^.]+\.)*(not\.)?(and|or)$/.test(name)) {
      if (!value.startsWith('(') || !value.endsWith(')'))
        add(vStart, value.length, `${name} takes a list in parentheses: ${name}=(a.eq.1,b.gt.2).`);
      else {
        const bal = balance(value);
        if (bal !== null) add(vStart + bal.offset, 1, bal.message);
      }
    } else if (!reserved) {
      if (method === 'POST' && relation === null) continue; // RPC arguments in the query string
      // GET /rpc/fn?arg=value passes arguments, not filters
      const isRpcArg = completer
        ? (completer.target(path, schema).fn?.args.some((a) => a.name === name) ?? false)
        : false;
      if (isRpcArg) continue;
      const parts = value.split('.');
      const opPart = parts[0] === 'not' ? parts[1] : parts[0];
      const opName = opPart ? OP_RE.exec(opPart)?.[1] : undefined;
      if (parts.length < 2 || opName === undefined || !OPERATOR_NAMES.has(opName) || opName === 'not')
        add(
          vStart,
          Math.max(1, value.length),
          `"${value}" is not a filter: write operator.value, e.g. ${name}=eq.${value || '1'} (PostgREST answers 400 PGRST100).`,
        );
      const col = name.split('->')[0] ?? name;
      if (relation && !name.includes('.') && !relation.columns.some((c) => c.name === col))
        add(
          start,
          eq,
          `No column "${col}" in ${relation.name}: PostgREST will answer 400 (42703).`,
          'warning',
        );
    }
  }
  return problems;
}

function balance(value: string): { offset: number; message: string } | null {
  let depth = 0;
  let lastOpen = -1;
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '(') {
      depth++;
      lastOpen = i;
    } else if (value[i] === ')') {
      depth--;
      if (depth < 0) return { offset: i, message: 'This ")" closes nothing.' };
    }
  }
  return depth > 0 ? { offset: lastOpen, message: 'This "(" is never closed.' } : null;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
