import { useMemo, useState } from 'react';
import { refKey, type Catalog, type ObjectRef } from '../../shared/model/catalog.js';
import { Dialog } from '../shell/Dialog.js';
import { KindIcon } from './KindIcon.js';
import { matchesFilter, navItems } from './navigator-model.js';

/** Ctrl/Cmd+K: type part of a name, arrows to move, Enter to open. */
export function QuickOpen({
  catalog,
  onOpen,
  onClose,
}: {
  catalog: Catalog;
  onOpen(ref: ObjectRef): void;
  onClose(): void;
}) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const all = useMemo(() => navItems(catalog), [catalog]);
  const hits = useMemo(() => {
    const matching = all.filter((i) => matchesFilter(i.ref.schema ?? '', i.name, query));
    const q = query.trim().toLowerCase();
    // Exact names, then names starting with the query, shorter first: `ord` lists `orders` before `order_items`.
    const rank = (name: string) => {
      const n = name.toLowerCase();
      return n === q ? 0 : n.startsWith(q) ? 1 : 2;
    };
    return matching.sort((a, b) => rank(a.name) - rank(b.name) || a.name.length - b.name.length).slice(0, 50);
  }, [all, query]);
  const choose = (i: number) => {
    const hit = hits[i];
    if (hit) {
      onOpen(hit.ref);
      onClose();
    }
  };
  return (
    <Dialog title="Quick open" onClose={onClose} bare>
      <input
        className="quick-input"
        autoFocus
        placeholder="Open a table, view, function…"
        aria-label="Find an object"
        value={query}
        spellCheck={false}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, hits.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            choose(active);
          }
        }}
      />
      <ul className="quick-list" role="listbox" aria-label="Matching objects">
        {hits.length === 0 && <li className="nav-empty">No object matches “{query}”.</li>}
        {hits.map((h, i) => (
          <li
            key={refKey(h.ref)}
            role="option"
            aria-selected={i === active}
            className="quick-item"
            onMouseEnter={() => setActive(i)}
            onClick={() => choose(i)}
          >
            <KindIcon kind={h.kind} />
            <span className="q-schema">{h.ref.schema}.</span>
            <span className="q-name">
              {h.name}
              {h.args !== null && <span className="muted">({h.args})</span>}
            </span>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
