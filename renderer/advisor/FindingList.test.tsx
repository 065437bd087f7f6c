import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FindingView } from './api.js';
import { FindingList } from './FindingList.js';
import { keyOf } from './findings-model.js';
import { withViewport } from '../test-viewport.js';

afterEach(cleanup);

withViewport(480, 520);

const finding = (i: number, severity: FindingView['severity'], acknowledged = false): FindingView => ({
  id: severity === 'error' ? 'table_without_rls' : 'unindexed_foreign_key',
  severity,
  object: `api.t${i}`,
  message: `message ${i}`,
  hasFix: true,
  link: null,
  acknowledged: acknowledged ? { reason: 'known', by: null, at: null } : null,
});

/** 2,000 errors and 1,000 notes (10 of them acknowledged): what the bench model's review lists. */
const many = [
  ...Array.from({ length: 2000 }, (_, i) => finding(i, 'error')),
  ...Array.from({ length: 1000 }, (_, i) => finding(i, 'info', i < 10)),
];

const card = (f: FindingView) => (
  <button type="button" className="adv-finding-title">
    {keyOf(f)}
  </button>
);

/** Lets the focus effect's animation frames run. */
const frames = () => act(() => new Promise((resolve) => setTimeout(resolve, 50)));

describe('FindingList', () => {
  it('puts only the cards in view in the page, each section with its heading and counts', () => {
    render(<FindingList findings={many} renderCard={card} />);
    const items = screen.getAllByRole('listitem');
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThan(40);
    const errors = screen.getByRole('region', { name: 'Errors' });
    expect(within(errors).getByRole('heading').textContent).toBe('Errors 2000');
    expect(items[0]!.getAttribute('aria-label')).toBe('table_without_rls:api.t0');
    expect(items[0]!.getAttribute('aria-setsize')).toBe('2000');
  });

  it('walks the findings with the arrow keys and jumps to the ends with Home and End', async () => {
    render(<FindingList findings={many} renderCard={card} />);
    const first = screen.getByRole('button', { name: 'table_without_rls:api.t0' });
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    await frames();
    expect(document.activeElement?.textContent).toBe('table_without_rls:api.t1');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    await frames();
    // The last finding is far out of view: it is put in the page and focused, under its own section.
    expect(document.activeElement?.textContent).toBe('unindexed_foreign_key:api.t9');
    const notes = screen.getByRole('region', { name: 'Notes' });
    expect(within(notes).getByRole('listitem', { name: 'unindexed_foreign_key:api.t9' })).toBeTruthy();
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    await frames();
    expect(document.activeElement?.textContent).toBe('table_without_rls:api.t0');
  });

  it('counts the acknowledged apart in their section heading', () => {
    render(<FindingList findings={many.slice(2000)} renderCard={card} />);
    const notes = screen.getByRole('region', { name: 'Notes' });
    expect(within(notes).getByRole('heading').textContent).toBe('Notes 990 · 10 acknowledged');
  });
});
