/**
 * Which relation column each view column shows unchanged, read from the view's stored query tree
 * (pg_rewrite.ev_action, the text form of a pg_node_tree): the top-level query's targetList holds, for every
 * output column (resno), the column it comes from (resorigtbl, resorigcol; 0 for expressions). This is what
 * PostgREST follows to embed through views. Nested queries (subqueries in FROM, CTEs, sublinks) have
 * targetLists of their own, so the tree is walked by depth instead of matched with a regular expression.
 */
export interface ColumnOrigin {
  readonly relationOid: number;
  readonly attnum: number;
}

// The walks below jump from one bracket or escape to the next with a regex instead of stepping through every
// character: a tree is some 6 KB (mostly range table), read once per view and per read, before the JIT would
// compile a loop over characters (48 views: 60 ms of the client's time that way).
/** Brackets and escapes, and the top-level query's `:targetList` key. */
const TARGET_LIST = /[\\(){}]|:targetList /g;
/** Brackets and escapes. */
const BRACKETS = /[\\(){}]/g;

/** Index just past the first `:targetList ` found at exactly `depth` brackets deep, or -1. */
function findTargetList(tree: string, depth: number): number {
  const re = TARGET_LIST;
  re.lastIndex = 0;
  let d = 0;
  for (let m = re.exec(tree); m !== null; m = re.exec(tree)) {
    const mark = m[0];
    if (mark === '\\')
      re.lastIndex++; // a backslash escapes the character after it
    else if (mark === '(' || mark === '{') d++;
    else if (mark === ')' || mark === '}') d--;
    else if (d === depth) return re.lastIndex;
  }
  return -1;
}

/** The integer after the LAST `key` in an entry: a target entry's own fields follow its (possibly nested) :expr. */
function lastInt(entry: string, key: string): number | null {
  const at = entry.lastIndexOf(key);
  if (at < 0) return null;
  const m = /^-?\d+/.exec(entry.slice(at + key.length, at + key.length + 12));
  return m ? Number(m[0]) : null;
}

/** resno → origin for every top-level target entry of the stored view query that is a plain column reference. */
export function viewColumnOrigins(tree: string): Map<number, ColumnOrigin> {
  const out = new Map<number, ColumnOrigin>();
  // The tree is a list holding one Query: `({QUERY … :targetList (…) …})`, so its fields sit 2 deep.
  const i = findTargetList(tree, 2);
  if (i < 0 || tree[i] !== '(') return out;
  const re = BRACKETS;
  re.lastIndex = i;
  let depth = 0;
  let entryStart = -1;
  for (let m = re.exec(tree); m !== null; m = re.exec(tree)) {
    const mark = m[0];
    const at = m.index;
    if (mark === '\\') {
      re.lastIndex++;
    } else if (mark === '(' || mark === '{') {
      depth++;
      if (mark === '{' && depth === 2) entryStart = at;
    } else {
      if (mark === '}' && depth === 2 && entryStart >= 0) {
        const entry = tree.slice(entryStart, at + 1);
        const resno = lastInt(entry, ':resno ');
        const table = lastInt(entry, ':resorigtbl ');
        const column = lastInt(entry, ':resorigcol ');
        const junk = entry.startsWith(':resjunk true', entry.lastIndexOf(':resjunk '));
        if (!junk && resno !== null && table !== null && column !== null && table !== 0 && column > 0) {
          out.set(resno, { relationOid: table, attnum: column });
        }
        entryStart = -1;
      }
      depth--;
      if (depth === 0) break;
    }
  }
  return out;
}

/**
 * Follows view → view → … → base relation for one view column. `origins` maps each view's OID to its
 * column origins; the walk stops at the first relation that is not a view there (a table) or after a cycle.
 */
export function resolveColumnOrigin(
  origins: ReadonlyMap<number, ReadonlyMap<number, ColumnOrigin>>,
  viewOid: number,
  attnum: number,
): ColumnOrigin | null {
  let current = origins.get(viewOid)?.get(attnum) ?? null;
  for (let hops = 0; current !== null && hops < 64; hops++) {
    const next = origins.get(current.relationOid);
    if (next === undefined) return current;
    current = next.get(current.attnum) ?? null;
  }
  return null;
}
