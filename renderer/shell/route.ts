import { useCallback, useEffect, useState } from 'react';
import { FOCUS_PANEL, focusTargetSchema, type FocusTarget } from '../../shared/contract/focus.js';
import { objectKindSchema, type ObjectRef } from '../../shared/model/catalog.js';

/** Where the user is, kept in the URL hash so a reload or a shared link lands in the same place. */
export interface Route {
  readonly connectionId: string | null;
  readonly panel: string;
  readonly object: ObjectRef | null;
  readonly tab: string | null;
  /** What the panel shows first (a role, a grants cell, a policy): set by links, cleared by the panel tabs. */
  readonly focus: FocusTarget | null;
}

export const DEFAULT_PANEL = 'explorer';

export function parseRoute(hash: string): Route {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const kind = objectKindSchema.safeParse(p.get('k'));
  const name = p.get('n');
  const object: ObjectRef | null =
    kind.success && name !== null
      ? {
          kind: kind.data,
          schema: p.get('s'),
          name,
          ...(p.get('a') !== null ? { args: p.get('a')! } : {}),
        }
      : null;
  return {
    connectionId: p.get('c'),
    panel: p.get('p') ?? DEFAULT_PANEL,
    object,
    tab: p.get('t'),
    focus: parseFocus(p.get('f')),
  };
}

/** A focus target from the URL; anything that does not parse (an old or hand-edited link) is none. */
function parseFocus(text: string | null): FocusTarget | null {
  if (text === null) return null;
  try {
    const parsed = focusTargetSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The route patch that shows a target: the explorer on its object and tab, or the owning panel focused on it.
 * The one place a link becomes a place in the studio.
 */
export function routeTo(target: FocusTarget): Partial<Route> {
  if (target.view === 'explorer')
    return { panel: DEFAULT_PANEL, object: target.object, tab: target.tab, focus: null };
  return { panel: FOCUS_PANEL[target.view], object: null, tab: null, focus: target };
}

export function formatRoute(r: Route): string {
  const p = new URLSearchParams();
  if (r.connectionId) p.set('c', r.connectionId);
  if (r.panel !== DEFAULT_PANEL) p.set('p', r.panel);
  if (r.object) {
    p.set('k', r.object.kind);
    if (r.object.schema !== null) p.set('s', r.object.schema);
    p.set('n', r.object.name);
    if (r.object.args !== undefined) p.set('a', r.object.args);
  }
  if (r.tab) p.set('t', r.tab);
  if (r.focus) p.set('f', JSON.stringify(r.focus));
  return '#' + p.toString();
}

export function useRoute(): [Route, (patch: Partial<Route>) => void] {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const navigate = useCallback((patch: Partial<Route>) => {
    setRoute((current) => {
      const next = { ...current, ...patch };
      const hash = formatRoute(next);
      if (hash !== location.hash)
        history.pushState(history.state, '', location.pathname + location.search + hash);
      return next;
    });
  }, []);
  return [route, navigate];
}
