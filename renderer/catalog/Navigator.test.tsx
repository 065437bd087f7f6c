import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ObjectRef } from '../../shared/model/catalog.js';
import { buildNavigator, matchesFilter } from './navigator-model.js';
import { Navigator } from './Navigator.js';
import { fixtureCatalog } from './test-fixture.js';

afterEach(cleanup);

function Harness({ onSelect }: { onSelect(ref: ObjectRef): void }) {
  const [filter, setFilter] = useState('');
  return (
    <Navigator
      catalog={fixtureCatalog()}
      selected={null}
      onSelect={onSelect}
      filter={filter}
      onFilterChange={setFilter}
    />
  );
}

const rowNames = () =>
  screen.queryAllByRole('treeitem').map((e) => e.getAttribute('aria-label') ?? e.textContent);

describe('navigator filter', () => {
  it('lists every schema with its tables, views and RLS badges', () => {
    render(<Harness onSelect={() => undefined} />);
    expect(screen.getByRole('treeitem', { name: 'schema api' })).toBeTruthy();
    expect(screen.getByRole('treeitem', { name: 'schema private' })).toBeTruthy();
    const todos = screen.getByRole('treeitem', { name: 'table api.todos' });
    expect(within(todos).getByText('RLS forced')).toBeTruthy();
    const profiles = screen.getByRole('treeitem', { name: 'table api.profiles' });
    expect(within(profiles).getByText('no RLS')).toBeTruthy();
    expect(screen.getByRole('group', { name: 'api Views' })).toBeTruthy();
  });

  it('narrows to matching objects and hides schemas with none', () => {
    render(<Harness onSelect={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Filter objects'), { target: { value: 'TODO' } });
    const names = rowNames().join('|');
    expect(names).toContain('todos');
    expect(names).toContain('open_todos');
    expect(names).not.toContain('profiles');
    expect(screen.queryByRole('treeitem', { name: 'schema private' })).toBeNull();
    expect(screen.getByText('2 objects match')).toBeTruthy();
  });

  it('matches schema-qualified words and shows an empty state for no match', () => {
    render(<Harness onSelect={() => undefined} />);
    const box = screen.getByLabelText('Filter objects');
    fireEvent.change(box, { target: { value: 'private.sec' } });
    expect(rowNames().join('|')).toContain('secrets');
    expect(rowNames().join('|')).not.toContain('todos');
    fireEvent.change(box, { target: { value: 'zzz' } });
    expect(screen.getByText(/Nothing matches/)).toBeTruthy();
  });

  it('selects an object by reference', () => {
    const onSelect = vi.fn();
    render(<Harness onSelect={onSelect} />);
    fireEvent.click(screen.getByRole('treeitem', { name: 'table api.todos' }));
    expect(onSelect).toHaveBeenCalledWith({ kind: 'relation', schema: 'api', name: 'todos' });
  });

  it('opens a big catalog with its schemas folded, and a filter unfolds the matches', async () => {
    const base = fixtureCatalog();
    const big = {
      ...base,
      relations: Array.from({ length: 3000 }, (_, i) => ({
        ...base.relations[0]!,
        name: `t${String(i).padStart(4, '0')}`,
      })),
    };
    const started = performance.now();
    function BigHarness() {
      const [filter, setFilter] = useState('');
      return (
        <Navigator
          catalog={big}
          selected={null}
          onSelect={() => undefined}
          filter={filter}
          onFilterChange={setFilter}
        />
      );
    }
    render(<BigHarness />);
    expect(screen.queryAllByRole('treeitem', { name: /^table / })).toHaveLength(0);
    expect(screen.getByRole('treeitem', { name: 'schema api' }).getAttribute('aria-expanded')).toBe('false');
    fireEvent.change(screen.getByLabelText('Filter objects'), { target: { value: 't2999' } });
    await screen.findByRole('treeitem', { name: 'table api.t2999' });
    expect(screen.queryAllByRole('treeitem', { name: /^table / })).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('walks the rows with the arrow keys', () => {
    render(<Harness onSelect={() => undefined} />);
    const tree = screen.getByRole('tree', { name: 'Schemas' });
    fireEvent.keyDown(tree, { key: 'Home' });
    expect(document.activeElement?.textContent).toContain('api');
    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    expect(document.activeElement?.getAttribute('aria-label')).toBe('table api.profiles');
    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    expect(document.activeElement?.getAttribute('aria-label')).toBe('table api.todos');
    fireEvent.keyDown(tree, { key: 'ArrowUp' });
    expect(document.activeElement?.getAttribute('aria-label')).toBe('table api.profiles');
    fireEvent.keyDown(tree, { key: 'End' });
    expect(document.activeElement?.getAttribute('aria-label')).toBe('table private.secrets');
  });

  it('filters by every word, case-insensitively', () => {
    expect(matchesFilter('api', 'todos', 'API tod')).toBe(true);
    expect(matchesFilter('api', 'todos', 'api prof')).toBe(false);
    const tree = buildNavigator(fixtureCatalog(), 'private');
    expect(tree.map((s) => s.schema.name)).toEqual(['private']);
    expect(tree[0]!.total).toBe(1);
  });
});
