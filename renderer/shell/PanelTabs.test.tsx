import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PanelTabs } from './PanelTabs.js';

const tabs = ['Explorer', 'SQL', 'Act as', 'Roles', 'Grants', 'RLS', 'Advisor', 'Diff'].map((title) => ({
  id: title.toLowerCase().replace(' ', '-'),
  title,
  description: `The ${title} panel`,
}));

/** jsdom lays nothing out: every element is 10 px per character wide, the bar `barWidth` wide. */
let barWidth = 2000;
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    const w = (this.textContent ?? '').length * 10;
    return { width: w, height: 30, top: 0, left: 0, right: w, bottom: 30, x: 0, y: 0, toJSON: () => ({}) };
  });
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(() => barWidth);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const barTabs = () =>
  within(screen.getByRole('tablist', { name: 'Panels' }))
    .getAllByRole('tab')
    .map((t) => t.textContent);

describe('PanelTabs', () => {
  it('shows every tab and no More button when they fit', () => {
    barWidth = 2000;
    render(<PanelTabs tabs={tabs} selected="explorer" onSelect={() => undefined} />);
    expect(barTabs()).toEqual(tabs.map((t) => t.title));
    expect(screen.queryByRole('button', { name: /More/ })).toBeNull();
  });

  it('puts what does not fit in a More menu, keeping the selected tab in the bar', () => {
    // Explorer 80 + SQL 30 + Act as 60 (+ gaps) fit beside More (60) in 260 px.
    barWidth = 260;
    const onSelect = vi.fn();
    render(<PanelTabs tabs={tabs} selected="explorer" onSelect={onSelect} />);
    expect(barTabs()).toEqual(['Explorer', 'SQL', 'Act as']);
    const more = screen.getByRole('button', { name: /More/ });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(more);
    const menu = screen.getByRole('menu', { name: 'More panels' });
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((i) => i.querySelector('.t')?.textContent)).toEqual([
      'Roles',
      'Grants',
      'RLS',
      'Advisor',
      'Diff',
    ]);
    expect(document.activeElement).toBe(items[0]);
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[1]);
    fireEvent.click(items[1]!);
    expect(onSelect).toHaveBeenCalledWith('grants');
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('shows the selected panel in the bar even when it comes last', () => {
    barWidth = 260;
    render(<PanelTabs tabs={tabs} selected="diff" onSelect={() => undefined} />);
    expect(barTabs()).toEqual(['Explorer', 'SQL', 'Diff']);
    const tab = screen.getByRole('tab', { name: 'Diff' });
    expect(tab.getAttribute('aria-selected')).toBe('true');
  });

  it('closes the menu with Escape and gives focus back to More', () => {
    barWidth = 260;
    render(<PanelTabs tabs={tabs} selected="explorer" onSelect={() => undefined} />);
    const more = screen.getByRole('button', { name: /More/ });
    fireEvent.click(more);
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(more);
  });

  it('moves focus along the tabs with the arrow keys, on to More and back', () => {
    barWidth = 260;
    render(<PanelTabs tabs={tabs} selected="explorer" onSelect={() => undefined} />);
    const list = screen.getByRole('tablist', { name: 'Panels' });
    screen.getByRole('tab', { name: 'Explorer' }).focus();
    fireEvent.keyDown(list, { key: 'ArrowRight' });
    expect(document.activeElement?.textContent).toBe('SQL');
    fireEvent.keyDown(list, { key: 'End' });
    const more = screen.getByRole('button', { name: /More/ });
    expect(document.activeElement).toBe(more);
    fireEvent.keyDown(more, { key: 'ArrowLeft' });
    expect(document.activeElement?.textContent).toBe('Act as');
    fireEvent.keyDown(list, { key: 'Home' });
    expect(document.activeElement?.textContent).toBe('Explorer');
  });
});
