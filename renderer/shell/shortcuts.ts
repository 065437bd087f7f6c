import { useEffect, useRef } from 'react';

export interface ShortcutHandlers {
  quickOpen(): void;
  toggleNavigator(): void;
  showShortcuts(): void;
  toggleChanges(): void;
  escape(): void;
}

export const shortcutList: readonly { keys: string[]; label: string }[] = [
  { keys: ['Ctrl/⌘', 'K'], label: 'Quick-open a table, view or function' },
  { keys: ['Ctrl/⌘', 'B'], label: 'Show or hide the navigator' },
  { keys: ['C'], label: 'Open or close the change set' },
  { keys: ['?'], label: 'Show these shortcuts' },
  { keys: ['/'], label: 'Filter the navigator' },
  { keys: ['↑', '↓'], label: 'Move in the navigator (Enter opens)' },
  { keys: ['Esc'], label: 'Close a dialog' },
];

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
