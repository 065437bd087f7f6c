import { useEffect, useRef } from 'react';

export interface ShortcutHandlers {
  quickOpen(): void;
  toggleNavigator(): void;
  showShortcuts(): void;
  toggleChanges(): void;
  escape(): void;
}

export interface Shortcut {
  readonly keys: readonly string[];
  readonly label: string;
}

/**
 * Every keyboard shortcut of the studio, by where it works: the shortcuts dialog lists them all. A new key
 * handler anywhere in the renderer adds its line here.
 */
export const shortcutGroups: readonly { readonly title: string; readonly shortcuts: readonly Shortcut[] }[] =
  [
    {
      title: 'Anywhere',
      shortcuts: [
        { keys: ['Ctrl/⌘', 'K'], label: 'Quick-open a table, view or function (↑ ↓ to pick, Enter opens)' },
        { keys: ['Ctrl/⌘', 'B'], label: 'Show or hide the navigator' },
        { keys: ['C'], label: 'Open or close the change set' },
        { keys: ['?'], label: 'Show these shortcuts' },
        { keys: ['Esc'], label: 'Close a dialog, a menu or the change set' },
      ],
    },
    {
      title: 'Navigator',
      shortcuts: [
        { keys: ['/'], label: 'Filter the navigator' },
        { keys: ['↑', '↓'], label: 'Move between objects (Enter opens)' },
        { keys: ['Home', 'End'], label: 'First or last object' },
      ],
    },
    {
      title: 'SQL editor and act-as console',
      shortcuts: [
        {
          keys: ['Ctrl/⌘', 'Enter'],
          label: 'Run the SQL statement at the cursor (or the selection); send the request',
        },
        { keys: ['Shift', 'Enter'], label: 'SQL editor: run the whole script' },
        { keys: ['F5'], label: 'SQL editor: run the whole script' },
        { keys: ['Ctrl', 'Space'], label: 'Complete a path, claim, column or SQL name' },
        { keys: ['Tab'], label: 'Path: accept the completion (Enter too; Esc closes the list)' },
      ],
    },
    {
      title: 'Data and change set',
      shortcuts: [
        { keys: ['Enter'], label: 'Data view: keep a cell edit, or apply the filters' },
        { keys: ['Esc'], label: 'Data view: drop a cell edit' },
        { keys: ['Ctrl/⌘', 'Enter'], label: 'Change set: add the SQL typed' },
      ],
    },
    {
      title: 'Layout',
      shortcuts: [
        { keys: ['←', '→'], label: 'On a focused splitter: resize the pane (↑ ↓ for a horizontal one)' },
        { keys: ['Shift', '←/→'], label: 'Resize in bigger steps' },
        { keys: ['Home', 'End'], label: 'On a splitter: smallest or largest size' },
        { keys: ['Enter'], label: 'On a splitter: back to the default size (or double-click it)' },
        {
          keys: ['←', '→'],
          label: 'On the panel tabs: move between panels (Enter opens, Home/End the ends)',
        },
        { keys: ['↓'], label: 'On More ▾: open the list of the other panels (↑ ↓ to move, Esc closes)' },
      ],
    },
  ];

/** Every shortcut, flat (the list the dialog shows, group by group). */
export const shortcutList: readonly Shortcut[] = shortcutGroups.flatMap((g) => g.shortcuts);

function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Global keyboard shortcuts; plain keys (?, /) are ignored while the user types in a field. */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const h = ref.current;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && !e.altKey && key === 'k') {
        e.preventDefault();
        h.quickOpen();
      } else if (mod && !e.altKey && key === 'b') {
        e.preventDefault();
        h.toggleNavigator();
      } else if (e.key === 'Escape') {
        h.escape();
      } else if (!mod && e.key === '?' && !typingInField(e.target)) {
        e.preventDefault();
        h.showShortcuts();
      } else if (!mod && !e.altKey && key === 'c' && !typingInField(e.target)) {
        e.preventDefault();
        h.toggleChanges();
      } else if (!mod && e.key === '/' && !typingInField(e.target)) {
        const filter = document.getElementById('nav-filter');
        if (filter) {
          e.preventDefault();
          filter.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
