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
