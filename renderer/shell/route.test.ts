import { describe, expect, it } from 'vitest';
import type { FocusTarget } from '../../shared/contract/focus.js';
import { formatRoute, parseRoute, routeTo } from './route.js';

describe('route in the URL hash', () => {
  it('round-trips a connection, panel, object with overload args and tab', () => {
    const route = {
      connectionId: 'adhoc-1',
      panel: 'act-as',
      object: { kind: 'function', schema: 'api', name: 'place_order', args: 'bigint, integer' },
      tab: 'ddl',
      focus: null,
    } as const;
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('defaults to the explorer and ignores unknown object kinds', () => {
    expect(parseRoute('#k=bogus&n=x')).toEqual({
      connectionId: null,
      panel: 'explorer',
      object: null,
      tab: null,
      focus: null,
    });
    expect(formatRoute({ connectionId: null, panel: 'explorer', object: null, tab: null, focus: null })).toBe(
      '#',
    );
  });

  it('keeps names with characters that need escaping', () => {
    const route = parseRoute(
      formatRoute({
        connectionId: 'c',
        panel: 'explorer',
        object: { kind: 'relation', schema: 'My Schema', name: 'a&b=c#d' },
        tab: null,
        focus: null,
      }),
    );
    expect(route.object).toEqual({ kind: 'relation', schema: 'My Schema', name: 'a&b=c#d' });
  });

  it('carries a focus target to the panel that shows it, and drops one that does not parse', () => {
    const targets: FocusTarget[] = [
      { view: 'role', role: 'web anon' },
      {
        view: 'grant',
        object: { kind: 'function', schema: 'api', name: 'f', args: 'integer' },
        grantee: 'PUBLIC',
      },
      { view: 'default-privileges', owner: 'developer' },
      { view: 'policy', table: { schema: 'api', name: 'a&b' }, policy: 'own rows' },
    ];
    const panels = targets.map((t) => {
      const route = parseRoute(
        formatRoute({
          connectionId: 'c',
          panel: 'explorer',
          object: null,
          tab: null,
          focus: null,
          ...routeTo(t),
        }),
      );
      expect(route.focus).toEqual(t);
      return route.panel;
    });
    expect(panels).toEqual(['roles', 'grants', 'grants', 'rls']);
    expect(parseRoute('#p=roles&f=%7B%22view%22%3A%22role%22%7D').focus).toBeNull();
    expect(parseRoute('#p=roles&f=not-json').focus).toBeNull();
  });

  it('sends an explorer target to the explorer on its tab, with no focus', () => {
    const object = { kind: 'relation', schema: 'api', name: 'orders' } as const;
    expect(routeTo({ view: 'explorer', object, tab: 'indexes' })).toEqual({
      panel: 'explorer',
      object,
      tab: 'indexes',
      focus: null,
    });
  });
});
