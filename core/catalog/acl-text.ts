/**
 * Reads aclitem[] text as PostgreSQL prints it (array_out around aclitemout): `{item,item…}`, each item
 * `grantee=privileges/grantor`, an empty grantee meaning PUBLIC, `*` after a privilege letter granted WITH
 * GRANT OPTION. A role name that is not plain ASCII letters, digits and `_` is double-quoted, `"` doubled
 * (aclitemout's putid); an item holding a quote, a space, a comma or a backslash is double-quoted again by
 * array_out, `"` and `\` escaped with a backslash. A role that no longer exists prints as its OID.
 */
export interface AclItem {
  /** null for PUBLIC. */
  readonly grantee: string | null;
  /** The privilege letters, each followed by `*` when grantable. */
  readonly privileges: string;
  readonly grantor: string;
}

/** Calls `visit` for each item of an aclitem[] text, in order; throws on text that is not one. */
export function readAclText(text: string, visit: (item: AclItem) => void): void {
  if (text.charCodeAt(0) !== 123 /* { */ || text.charCodeAt(text.length - 1) !== 125 /* } */) {
    throw new Error(`not an aclitem[] text: ${text}`);
  }
  const end = text.length - 1;
  let at = 1;
  while (at < end) {
    let item: string;
    if (text.charCodeAt(at) === 34 /* " */) {
      // An array element array_out quoted: up to the closing quote, backslash escapes undone.
      let value = '';
      let i = at + 1;
      for (;;) {
        const c = text.charCodeAt(i);
        if (i >= end) throw new Error(`unterminated element in aclitem[] text: ${text}`);
        if (c === 92 /* \ */) {
          value += text[i + 1] ?? '';
          i += 2;
        } else if (c === 34) {
          break;
        } else {
          const next = nextSpecial(text, i, end);
          value += text.slice(i, next);
          i = next;
        }
      }
      item = value;
      at = i + 1;
    } else {
      const comma = text.indexOf(',', at);
      const stop = comma < 0 || comma > end ? end : comma;
      item = text.slice(at, stop);
      at = stop;
    }
    visit(item.charCodeAt(0) === 34 || item.indexOf('"') >= 0 ? readAclItem(item) : readPlainItem(item));
    if (at < end) {
      if (text.charCodeAt(at) !== 44 /* , */) throw new Error(`malformed aclitem[] text: ${text}`);
      at++;
    }
  }
}

/** The next backslash or quote at or after `from` (or `end`). */
function nextSpecial(text: string, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 || c === 34) return i;
  }
  return end;
}

/** An item whose names are bare (the common case): split at its `=` and `/`. */
function readPlainItem(item: string): AclItem {
  const eq = item.indexOf('=');
  const slash = item.indexOf('/', eq + 1);
  if (eq < 0 || slash < 0) throw new Error(`malformed aclitem: ${item}`);
  return {
    grantee: eq === 0 ? null : item.slice(0, eq),
    privileges: item.slice(eq + 1, slash),
    grantor: item.slice(slash + 1),
  };
}

/** One aclitemout text: `grantee=privileges/grantor`. */
export function readAclItem(item: string): AclItem {
  const grantee = readName(item, 0, 61 /* = */);
  if (item.charCodeAt(grantee.next) !== 61) throw new Error(`malformed aclitem: ${item}`);
  const slash = item.indexOf('/', grantee.next + 1);
  if (slash < 0) throw new Error(`malformed aclitem: ${item}`);
  const grantor = readName(item, slash + 1, -1);
  if (grantor.next !== item.length) throw new Error(`malformed aclitem: ${item}`);
  return {
    grantee: grantee.name === '' ? null : grantee.name,
    privileges: item.slice(grantee.next + 1, slash),
    grantor: grantor.name,
  };
}

/** A role name at `from`, quoted (putid) or bare up to the `stop` character (-1: the end). */
function readName(item: string, from: number, stop: number): { name: string; next: number } {
  if (item.charCodeAt(from) !== 34 /* " */) {
    const next = stop < 0 ? item.length : item.indexOf(String.fromCharCode(stop), from);
    if (next < 0) throw new Error(`malformed aclitem: ${item}`);
    return { name: item.slice(from, next), next };
  }
  let name = '';
  let i = from + 1;
  for (;;) {
    const quote = item.indexOf('"', i);
    if (quote < 0) throw new Error(`malformed aclitem: ${item}`);
    name += item.slice(i, quote);
    if (item.charCodeAt(quote + 1) === 34) {
      name += '"';
      i = quote + 2;
    } else {
      return { name, next: quote + 1 };
    }
  }
}
