import { describe, expect, it } from 'vitest';
import { checkPath } from './path-check.js';
import { PathCompleter } from './path-completion.js';
import { demoModel } from './test-model.js';

const c = new PathCompleter(demoModel);
/** Completes at the `|` in the text; returns labels and the replaced span. */
const at = (text: string) => {
  const cursor = text.indexOf('|');
  const path = text.replace('|', '');
  const r = c.complete(path, cursor);
  return { labels: r.items.map((i) => i.label), from: r.from, to: r.to, items: r.items };
};

describe('path completion', () => {
  it('completes relations and rpc/ in the path', () => {
    const r = at('/or|');
    expect(r.labels.slice(0, 3)).toEqual(['order_items', 'order_totals', 'orders']);
    expect(r.from).toBe(1);
    expect(at('/|').labels).toContain('rpc/');
  });
  it('completes functions after /rpc/', () => {
    const r = at('/rpc/pl|');
    expect(r.labels).toEqual(['place_order']);
    expect(r.from).toBe(5);
    expect(r.items[0]!.detail).toContain('product_id');
  });
  it('completes reserved keys and columns as query keys', () => {
    const r = at('/orders?st|');
    expect(r.labels).toEqual(['status']);
    expect(r.items[0]!.insert).toBe('status=');
    expect(at('/orders?sel|').labels).toEqual(['select']);
  });
  it('completes columns and embeddable relations in select, nested by parentheses', () => {
    const top = at('/orders?select=|');
    expect(top.labels).toEqual(expect.arrayContaining(['*', 'id', 'status', 'customers', 'order_items']));
    const nested = at('/orders?select=id,order_items(|');
    expect(nested.labels).toEqual(expect.arrayContaining(['quantity', 'products']));
    expect(nested.labels).not.toContain('status');
    const after = at('/orders?select=id,order_items(quantity),cr|');
    expect(after.labels).toEqual(['created_at']);
  });
  it('completes disambiguation hints after !', () => {
    const r = at('/orders?select=customers!|');
    expect(r.labels).toEqual(expect.arrayContaining(['orders_user_id_fkey', 'user_id', 'inner']));
  });
  it('completes operators after a filter key, and values after is.', () => {
    expect(at('/orders?status=|').labels).toEqual(expect.arrayContaining(['eq', 'neq', 'in', 'is']));
    expect(at('/orders?status=not.i|').labels.slice(0, 5)).toEqual([
      'ilike',
      'imatch',
      'in',
      'is',
      'isdistinct',
    ]);
    expect(at('/orders?status=is.|').labels).toEqual(['null', 'not_null', 'true', 'false', 'unknown']);
  });
  it('completes order columns and modifiers', () => {
    expect(at('/orders?order=cre|').labels).toEqual(['created_at']);
    expect(at('/orders?order=created_at.|').labels).toEqual(['asc', 'desc', 'nullsfirst', 'nullslast']);
  });
  it('completes inside and/or', () => {
    expect(at('/orders?or=(st|').labels).toEqual(['status']);
    expect(at('/orders?or=(status.|').labels).toContain('eq');
  });
  it('completes RPC arguments as keys', () => {
    expect(at('/rpc/place_order?qu|').labels).toEqual(['quantity']);
  });
});

describe('path check', () => {
  const errors = (p: string) => checkPath(p, c).filter((x) => x.severity === 'error');
  const warnings = (p: string) => checkPath(p, c).filter((x) => x.severity === 'warning');
  it('accepts well-formed requests', () => {
    expect(
      checkPath(
        '/orders?select=id,order_items(quantity,products(name))&status=eq.open&order=id.desc&limit=10',
        c,
      ),
    ).toEqual([]);
    expect(checkPath('/orders?or=(status.eq.open,status.eq.paid)', c)).toEqual([]);
    expect(checkPath('/rpc/place_order?product_id=1', c)).toEqual([]);
  });
  it('rejects a path without a leading slash', () => {
    expect(errors('orders')[0]).toMatchObject({ offset: 0 });
  });
  it('points at an unclosed parenthesis', () => {
    const p = '/orders?select=id,order_items(quantity';
    const e = errors(p);
    expect(e).toHaveLength(1);
    expect(p[e[0]!.offset]).toBe('(');
  });
  it('rejects a filter without an operator, at its value', () => {
    const p = '/orders?status=open';
    const e = errors(p);
    expect(e[0]!.message).toContain('status=eq.open');
    expect(p.slice(e[0]!.offset, e[0]!.offset + e[0]!.length)).toBe('open');
  });
  it('rejects a non-numeric limit and a parameter without =', () => {
    expect(errors('/orders?limit=ten')).toHaveLength(1);
    expect(errors('/orders?select')).toHaveLength(1);
  });
  it('warns (but lets through) unknown relations and columns', () => {
    expect(warnings('/ordrs')[0]!.message).toContain('PGRST205');
    expect(errors('/ordrs')).toEqual([]);
    expect(warnings('/orders?colour=eq.red')[0]!.message).toContain('colour');
  });
});

describe('path completion with the host schema cache embeddables', () => {
  const ref = (name: string) => ({ schema: 'api', name });
  const withCache = new PathCompleter({
    ...demoModel,
    embeddables: [
      {
        from: ref('orders'),
        name: 'customers',
        target: ref('customers'),
        cardinality: 'many-to-one',
        hints: ['orders_user_id_fkey', 'user_id'],
      },
      // many-to-many through the order_items junction
      {
        from: ref('orders'),
        name: 'products',
        target: ref('products'),
        cardinality: 'many-to-many',
        hints: ['order_items', 'order_items_order_id_fkey', 'order_items_product_id_fkey'],
      },
      // a computed relationship: a function taking orders, returning customers
      { from: ref('orders'), name: 'buyer', target: ref('customers'), cardinality: 'computed', hints: [] },
      // through a view
      {
        from: ref('order_totals'),
        name: 'orders',
        target: ref('orders'),
        cardinality: 'many-to-one',
        hints: ['order_items_order_id_fkey', 'order_id'],
      },
    ],
  });
  const labels = (text: string) => {
    const cursor = text.indexOf('|');
    return withCache.complete(text.replace('|', ''), cursor).items;
  };

  it('offers many-to-many, computed and view embeds exactly as the schema cache lists them', () => {
    const embeds = labels('/orders?select=|').filter((i) => i.kind === 'embed');
    expect(embeds.map((i) => [i.label, i.detail])).toEqual([
      ['customers', 'embed · many-to-one'],
      ['products', 'embed · many-to-many'],
      ['buyer', 'embed · computed'],
    ]);
    // order_items is not in the host's list for orders here, so it is not offered from the catalog either.
    expect(embeds.map((i) => i.label)).not.toContain('order_items');
    expect(
      labels('/order_totals?select=|')
        .filter((i) => i.kind === 'embed')
        .map((i) => i.label),
    ).toEqual(['orders']);
  });
  it('completes inside a many-to-many and a computed embed with the target columns', () => {
    expect(labels('/orders?select=products(|').map((i) => i.label)).toEqual(
      expect.arrayContaining(['name', 'price_cents']),
    );
    expect(labels('/orders?select=buyer(|').map((i) => i.label)).toEqual(
      expect.arrayContaining(['email', 'sub']),
    );
  });
  it('offers the junction as the hint of a many-to-many', () => {
    const hints = labels('/orders?select=products!|').filter((i) => i.kind === 'hint');
    expect(hints[0]).toMatchObject({ label: 'order_items', detail: 'many-to-many through order_items' });
  });
});
