import { formatRoute, parseRoute } from '../shell/route.js';

/** Where the workbench leaves SQL for the act-as console's SQL tab ("Run as persona…"). */
export const ACT_AS_HANDOFF_KEY = 'gatehouse.actAs.sqlHandoff';

/** Opens the act-as console on its SQL tab with this SQL in it: the same query, as a persona. */
export function openInActAs(sql: string): void {
  try {
    sessionStorage.setItem(ACT_AS_HANDOFF_KEY, sql);
  } catch {
    /* no storage: the console opens with its own SQL */
  }
  location.hash = formatRoute({ ...parseRoute(location.hash), panel: 'act-as', object: null, tab: 'sql' });
}

/** The SQL the workbench handed over, once (the console reads it when it opens). */
export function takeSqlHandoff(): string | null {
  try {
    const sql = sessionStorage.getItem(ACT_AS_HANDOFF_KEY);
    sessionStorage.removeItem(ACT_AS_HANDOFF_KEY);
    return sql;
  } catch {
    return null;
  }
}
