import { useCallback, useEffect, useState } from 'react';
import { objectKindSchema, type ObjectRef } from '../../shared/model/catalog.js';

/** Where the user is, kept in the URL hash so a reload or a shared link lands in the same place. */
export interface Route {
  readonly connectionId: string | null;
  readonly panel: string;
  readonly object: ObjectRef | null;
  readonly tab: string | null;
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
  return { connectionId: p.get('c'), panel: p.get('p') ?? DEFAULT_PANEL, object, tab: p.get('t') };
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
