/** One editor tab: its SQL and the id of its pinned session on the host. */
export interface EditorTab {
  readonly id: string;
  readonly title: string;
  readonly sql: string;
}

export interface TabsState {
  readonly tabs: readonly EditorTab[];
  readonly active: string;
}

const key = (connectionId: string) => `gatehouse.workbench.tabs.${connectionId}`;

export function newTabId(): string {
  return `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export function freshTabs(): TabsState {
  const id = newTabId();
  return { tabs: [{ id, title: 'Query 1', sql: 'select current_user, now();\n' }], active: id };
}

/** The tabs of a connection as the user left them (localStorage), or one fresh tab. */
export function loadTabs(connectionId: string, storage: Storage = localStorage): TabsState {
  try {
    const raw = JSON.parse(storage.getItem(key(connectionId)) ?? 'null') as TabsState | null;
    if (
      raw &&
      Array.isArray(raw.tabs) &&
      raw.tabs.length > 0 &&
      raw.tabs.every((t) => typeof t.id === 'string' && typeof t.sql === 'string')
    ) {
      const active = raw.tabs.some((t) => t.id === raw.active) ? raw.active : raw.tabs[0]!.id;
      return {
        tabs: raw.tabs.map((t) => ({ id: t.id, title: String(t.title || 'Query'), sql: t.sql })),
        active,
      };
    }
  } catch {
    /* damaged: start over */
  }
  return freshTabs();
}

export function saveTabs(connectionId: string, state: TabsState, storage: Storage = localStorage): void {
  try {
    storage.setItem(key(connectionId), JSON.stringify(state));
  } catch {
    /* storage full or disabled: the tabs live as long as the page */
  }
}

export function addTab(state: TabsState, sql = ''): TabsState {
  const used = new Set(state.tabs.map((t) => t.title));
  let n = state.tabs.length + 1;
  while (used.has(`Query ${n}`)) n++;
  const tab = { id: newTabId(), title: `Query ${n}`, sql };
  return { tabs: [...state.tabs, tab], active: tab.id };
}

export function closeTab(state: TabsState, id: string): TabsState {
  const index = state.tabs.findIndex((t) => t.id === id);
  const tabs = state.tabs.filter((t) => t.id !== id);
  if (tabs.length === 0) return freshTabs();
  const active = state.active === id ? tabs[Math.max(0, index - 1)]!.id : state.active;
  return { tabs, active };
}

export function updateTab(state: TabsState, id: string, patch: Partial<Omit<EditorTab, 'id'>>): TabsState {
  return { ...state, tabs: state.tabs.map((t) => (t.id === id ? { ...t, ...patch } : t)) };
}
