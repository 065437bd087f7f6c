import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ShortcutsDialog } from './ShortcutsDialog.js';
import { shortcutGroups, shortcutList } from './shortcuts.js';

afterEach(cleanup);

const keysOf = (label: RegExp) =>
  shortcutList.filter((s) => label.test(s.label)).map((s) => s.keys.join('+'));

describe('the shortcuts dialog', () => {
  it('lists every shortcut, group by group, with its keys', () => {
    render(<ShortcutsDialog onClose={() => undefined} />);
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const g of shortcutGroups) {
      const section = within(dialog).getByRole('region', { name: g.title });
      const terms = within(section).getAllByRole('term');
      expect(terms).toHaveLength(g.shortcuts.length);
      g.shortcuts.forEach((s, i) => {
        expect([...terms[i]!.querySelectorAll('.kbd')].map((k) => k.textContent)).toEqual(s.keys);
        expect(terms[i]!.nextElementSibling?.textContent).toBe(s.label);
      });
    }
  });

  it('has a line for every key the studio handles (global, editors, layout)', () => {
    // Global handler (useShortcuts).
    expect(keysOf(/Quick-open/)).toEqual(['Ctrl/⌘+K']);
    expect(keysOf(/^Show or hide the navigator/)).toEqual(['Ctrl/⌘+B']);
    expect(keysOf(/^Open or close the change set/)).toEqual(['C']);
    expect(keysOf(/these shortcuts/)).toEqual(['?']);
    expect(keysOf(/^Filter the navigator/)).toEqual(['/']);
    // Monaco commands of the SQL editor and the act-as console.
    expect(keysOf(/at the cursor/)).toEqual(['Ctrl/⌘+Enter']);
    expect(keysOf(/whole script/)).toEqual(['Shift+Enter', 'F5']);
    expect(keysOf(/^Complete/)).toEqual(['Ctrl+Space']);
    // Splitters and the More menu.
    expect(keysOf(/splitter/).length).toBeGreaterThanOrEqual(3);
    expect(keysOf(/More ▾/)).toEqual(['↓']);
  });
});
