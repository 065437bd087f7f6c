import { quoteIdent, quoteLiteral } from './quote.js';

/**
 * Settings PostgreSQL stores as lists of quoted identifiers (GUC_LIST_QUOTE): their stored text must be split
 * back into elements and each written as its own literal, or replaying changes the value (`SET search_path = ''`
 * is stored as `""`; writing that back as the literal '""' would store `"\"\""`). The list is pg_dump's.
 */
const LIST_QUOTE = new Set([
  'local_preload_libraries',
  'search_path',
  'session_preload_libraries',
  'shared_preload_libraries',
  'temp_tablespaces',
  'unix_socket_directories',
]);

/** A setting name, each dotted part quoted (custom settings are `prefix.name`). */
export function settingName(name: string): string {
  return name.split('.').map(quoteIdent).join('.');
}

/**
 * Splits a stored list value the way PostgreSQL's SplitGUCList does: comma separated, white space around
 * elements dropped, double-quoted elements unquoted ("" is a quote).
 */
export function splitGucList(value: string): string[] {
  const out: string[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < value.length && /\s/.test(value[i] ?? '')) i++;
  };
  skipSpace();
  if (i === value.length) return out;
  for (;;) {
    let element = '';
    if (value[i] === '"') {
      i++;
      for (;;) {
        const end = value.indexOf('"', i);
        if (end < 0) {
          element += value.slice(i);
          i = value.length;
          break;
        }
        element += value.slice(i, end);
        i = end + 1;
        if (value[i] === '"') {
          element += '"';
          i++;
        } else break;
      }
    } else {
      const start = i;
      while (i < value.length && value[i] !== ',' && !/\s/.test(value[i] ?? '')) i++;
      element = value.slice(start, i);
    }
    out.push(element);
    skipSpace();
    if (value[i] !== ',') break;
    i++;
    skipSpace();
  }
  return out;
}

/** `name TO value` for SET clauses (functions, ALTER ROLE / DATABASE), so replaying stores `value` unchanged. */
export function settingAssignment(name: string, value: string): string {
  const values = LIST_QUOTE.has(name.toLowerCase()) ? splitGucList(value) : [value];
  return `${settingName(name)} TO ${values.length === 0 ? "''" : values.map(quoteLiteral).join(', ')}`;
}
