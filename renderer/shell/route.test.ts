import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from './route.js';

describe('route in the URL hash', () => {
  it('round-trips a connection, panel, object with overload args and tab', () => {
    const route = {
      connectionId: 'adhoc-1',
      panel: 'act-as',
      object: { kind: 'function', schema: 'api', name: 'place_order', args: 'bigint, integer' },
      tab: 'ddl',
    } as const;
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('defaults to the explorer and ignores unknown object kinds', () => {
    expect(parseRoute('#k=bogus&n=x')).toEqual({
      connectionId: null,
      panel: 'explorer',
      object: null,
      tab: null,
    });
    expect(formatRoute({ connectionId: null, panel: 'explorer', object: null, tab: null })).toBe('#');
  });

  it('keeps names with characters that need escaping', () => {
    const route = parseRoute(
      formatRoute({
        connectionId: 'c',
        panel: 'explorer',
        object: { kind: 'relation', schema: 'My Schema', name: 'a&b=c#d' },
        tab: null,
      }),
    );
    expect(route.object).toEqual({ kind: 'relation', schema: 'My Schema', name: 'a&b=c#d' });
  });
});
