import { loadModule, parseSync } from 'libpg-query';

await loadModule();

/** What the per-row analysis needs of one policy expression. */
export interface ExpressionFacts {
  /** Row-independent calls outside any subquery, as [start, end) offsets into the expression text. */
  readonly perRowCalls: readonly { readonly start: number; readonly end: number; readonly name: string }[];
  /** Column names the expression reads outside subqueries. */
  readonly columns: readonly string[];
}

const PREFIX = 'SELECT (';
type Node = Record<string, unknown>;

// Schemas generated from one template repeat the same few expressions on thousands of tables: parse each text
// once. The tree depends on the text alone (what is hoistable is decided per call, from the catalog). Bounded.
const trees = new Map<string, unknown>();
const TREE_CACHE_SIZE = 4096;

function parseExpression(expression: string): unknown {
  if (trees.has(expression)) return trees.get(expression);
  let tree: unknown = null;
  try {
    tree = parseSync(`${PREFIX}${expression})`);
  } catch {
    // null: does not parse (cached too)
  }
  if (trees.size >= TREE_CACHE_SIZE) trees.clear();
  trees.set(expression, tree);
  return tree;
}

function lastName(names: unknown): { schema: string | null; name: string } {
  const parts = (Array.isArray(names) ? names : []).map(
    (n) => ((n as Node).String as Node | undefined)?.sval as string,
  );
  return { schema: parts.length > 1 ? (parts[0] ?? null) : null, name: parts[parts.length - 1] ?? '' };
}

/** Whether any ColumnRef occurs under `node` (a call that reads the row cannot be hoisted). */
function readsRow(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some(readsRow);
  for (const [k, v] of Object.entries(node as Node)) {
    if (k === 'ColumnRef') return true;
    if (readsRow(v)) return true;
  }
  return false;
}

/** The end of the call starting at `start`: past the parenthesis matching the first one, quotes respected. */
function callEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      if (close < 0) return text.length;
      i = close;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

/**
 * Parses a policy expression (pg_get_expr's text) with PostgreSQL's parser and finds the calls a scalar
 * subquery would evaluate once — `current_setting(…)` and calls of `isHoistable` functions whose arguments do not
 * read the row — and the columns it filters on. Null when the text does not parse.
 */
export function expressionFacts(
  expression: string,
  isHoistable: (schema: string | null, name: string) => boolean,
): ExpressionFacts | null {
  const tree = parseExpression(expression);
  if (tree === null) return null;
  const calls: { start: number; end: number; name: string }[] = [];
  const columns = new Set<string>();
  const walk = (node: unknown, inSubquery: boolean): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) walk(n, inSubquery);
      return;
    }
    for (const [k, v] of Object.entries(node as Node)) {
      if (k === 'SubLink') {
        walk(v, true);
        continue;
      }
      if (k === 'FuncCall' && !inSubquery) {
        const call = v as Node;
        const { schema, name } = lastName(call.funcname);
        const hoistable = (name === 'current_setting' || isHoistable(schema, name)) && !readsRow(call.args);
        if (hoistable && typeof call.location === 'number') {
          const start = call.location - PREFIX.length;
          calls.push({ start, end: callEnd(expression, start), name });
          continue;
        }
      }
      if (k === 'ColumnRef' && !inSubquery) {
        const { name } = lastName((v as Node).fields);
        if (name !== '') columns.add(name);
        continue;
      }
      walk(v, inSubquery);
    }
  };
  walk(tree, false);
  calls.sort((a, b) => a.start - b.start);
  return { perRowCalls: calls, columns: [...columns] };
}

/** The expression with each per-row call wrapped as `(SELECT call)`. */
export function wrapCalls(expression: string, calls: ExpressionFacts['perRowCalls']): string {
  let out = '';
  let at = 0;
  for (const c of calls) {
    if (c.start < at) continue;
    out += expression.slice(at, c.start) + `(SELECT ${expression.slice(c.start, c.end)})`;
    at = c.end;
  }
  return out + expression.slice(at);
}
