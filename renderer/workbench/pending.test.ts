import { describe, expect, it } from 'vitest';
import { PageCache } from './data-pages.js';
import {
  addInsert,
  editCell,
  editInsert,
  EMPTY_PENDING,
  pendingCount,
  rowKey,
  toChanges,
  toggleDelete,
} from './pending.js';
import { pgrstQuote, visibilityRequest, visibleKeys } from './persona-view.js';
import { addTab, closeTab, freshTabs, loadTabs, saveTabs } from './tabs.js';

describe('pending changes', () => {
  const pk = ['id'];
  const cols = ['id', 'name'];
  const key = rowKey(pk, cols, ['7', 'seven']);

  it('collects edits by key, drops an edit set back to the original, and orders updates, inserts, deletes', () => {
    let p = editCell(EMPTY_PENDING, pk, key, 'name', 'SEVEN', 'seven');
    p = editCell(p, pk, rowKey(pk, cols, ['8', 'eight']), 'name', null, 'eight');
    p = addInsert(p, 'n1');
    p = editInsert(p, 'n1', 'name', 'new');
    p = toggleDelete(p, pk, rowKey(pk, cols, ['9', 'nine']));
    expect(pendingCount(p)).toBe(4);
    expect(toChanges(p)).toEqual([
      { kind: 'update', key: { id: '7' }, set: { name: 'SEVEN' } },
      { kind: 'update', key: { id: '8' }, set: { name: null } },
      { kind: 'insert', values: { name: 'new' } },
      { kind: 'delete', key: { id: '9' } },
    ]);
    expect(pendingCount(editCell(p, pk, key, 'name', 'seven', 'seven'))).toBe(3);
  });

  it('an edited row that is deleted is only deleted', () => {
    const p = toggleDelete(editCell(EMPTY_PENDING, pk, key, 'name', 'x', 'seven'), pk, key);
    expect(toChanges(p)).toEqual([{ kind: 'delete', key: { id: '7' } }]);
  });
});

describe('persona visibility request', () => {
  it('asks for the keys on screen, values quoted the PostgREST way', () => {
    expect(pgrstQuote('a"b\\c,d')).toBe('"a\\"b\\\\c,d"');
    const r = visibilityRequest({ schema: 'api', name: 'orders' }, ['id'], [['1'], ['2']]);
    expect(r.headers).toEqual([['Accept-Profile', 'api']]);
    expect(decodeURIComponent(r.path)).toBe('/orders?select=id&id=in.("1","2")');
    const composite = visibilityRequest({ schema: 'api', name: 'pair' }, ['a', 'b'], [['1', 'x']]);
    expect(decodeURIComponent(composite.path)).toBe('/pair?select=a,b&or=(and(a.eq."1",b.eq."x"))');
  });
  it('reads the keys the simulator answered, numbers as text', () => {
    expect([...visibleKeys('[{"id":1},{"id":"x"}]', ['id'])]).toEqual(['["1"]', '["x"]']);
  });
});

describe('page cache', () => {
  it('knows which pages a visible range still needs, and the key to seek after', () => {
    const cache = new PageCache(10);
    expect(cache.missing(0, 25, 100)).toEqual([0, 1, 2]);
    cache.loading(0);
    cache.put(
      1,
      Array.from({ length: 10 }, (_, i) => [String(10 + i)]),
    );
    expect(cache.missing(0, 25, 100)).toEqual([2]);
    expect(cache.row(15)).toEqual(['15']);
    expect(cache.lastRowBefore(2)).toEqual(['19']);
    expect(cache.lastRowBefore(1)).toBeNull();
    expect(cache.missing(0, 500, 30)).toEqual([2]);
  });
});

describe('editor tabs', () => {
  it('are kept per connection and always keep one tab', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    } as unknown as Storage;
    const two = addTab(freshTabs(), 'select 2');
    saveTabs('c1', two, storage);
    expect(loadTabs('c1', storage)).toEqual(two);
    expect(loadTabs('c2', storage).tabs).toHaveLength(1);
    const one = closeTab(two, two.active);
    expect(one.tabs).toHaveLength(1);
    expect(closeTab(one, one.active).tabs).toHaveLength(1);
  });
});
