import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { fitTabs, type TabFit } from './fit-tabs.js';

export interface PanelTab {
  readonly id: string;
  readonly title: string;
  readonly description: string;
}

/** Space between tabs, as in .panel-tabs { gap } (var(--space-1)). */
const GAP = 4;

/**
 * The top bar's panel tabs on one line: the tabs that fit in the space left by the other controls (measured with a
 * ResizeObserver), the rest in a "More ▾" menu. A hidden copy of every tab gives their widths.
 */
export function PanelTabs({
  tabs,
  selected,
  onSelect,
}: {
  tabs: readonly PanelTab[];
  selected: string;
  onSelect(id: string): void;
}) {
  const wrap = useRef<HTMLDivElement>(null);
  const measure = useRef<HTMLDivElement>(null);
  const moreButton = useRef<HTMLButtonElement>(null);
  const [fit, setFit] = useState<TabFit>({ visible: tabs.map((_, i) => i), overflow: [] });
  const [open, setOpen] = useState(false);
  const selectedIndex = tabs.findIndex((t) => t.id === selected);

  useLayoutEffect(() => {
    const host = wrap.current;
    const copies = measure.current;
    if (!host || !copies) return;
    const refit = () => {
      const items = [...copies.children] as HTMLElement[];
      const widths = items.slice(0, tabs.length).map((e) => Math.ceil(e.getBoundingClientRect().width));
      const more = items[tabs.length] ? Math.ceil(items[tabs.length]!.getBoundingClientRect().width) : 0;
      const next = fitTabs(widths, host.clientWidth, more, GAP, selectedIndex);
      setFit((prev) =>
        prev.visible.join() === next.visible.join() && prev.overflow.join() === next.overflow.join()
          ? prev
          : next,
      );
    };
    refit();
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(refit);
    observer.observe(host);
    observer.observe(copies);
    return () => observer.disconnect();
  }, [tabs, selectedIndex]);

  // A click anywhere else closes the menu.
  const menuOpen = open && fit.overflow.length > 0;
  useEffect(() => {
    if (!menuOpen) return;
    const onDown = (e: MouseEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [menuOpen]);

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      setOpen(false);
      moreButton.current?.focus();
    }
  };

  // ← → move between the tabs (and on to More), Home/End to the ends; Enter or Space opens, as on any button.
  const onTabsKey = (e: KeyboardEvent<HTMLElement>) => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
    const items = [
      ...e.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]'),
      ...(moreButton.current ? [moreButton.current] : []),
    ];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? items.length - 1
          : (at + (e.key === 'ArrowRight' ? 1 : -1) + items.length) % items.length;
    e.preventDefault();
    items[next]?.focus();
  };

  return (
    <div className="panel-tabs-wrap" ref={wrap}>
      <nav className="panel-tabs" role="tablist" aria-label="Panels" onKeyDown={onTabsKey}>
        {fit.visible.map((i) => {
          const p = tabs[i]!;
          return (
            <button
              key={p.id}
              role="tab"
              className="panel-tab"
              aria-selected={selected === p.id}
              title={p.description}
              onClick={() => onSelect(p.id)}
            >
              {p.title}
            </button>
          );
        })}
      </nav>
      {fit.overflow.length > 0 && (
        <div className="panel-more">
          <button
            ref={moreButton}
            className="panel-tab panel-more-button"
            aria-haspopup="menu"
            aria-expanded={menuOpen}
            title={`More panels: ${fit.overflow.map((i) => tabs[i]!.title).join(', ')}`}
            onClick={() => setOpen(!menuOpen)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' && !menuOpen) {
                e.preventDefault();
                setOpen(true);
              } else if (e.key === 'ArrowLeft') {
                e.preventDefault();
                const tabs = wrap.current?.querySelectorAll<HTMLElement>('[role="tab"]');
                tabs?.[tabs.length - 1]?.focus();
              }
            }}
          >
            More <span aria-hidden>▾</span>
          </button>
          {menuOpen && (
            <div className="panel-menu" role="menu" aria-label="More panels" onKeyDown={onMenuKey}>
              {fit.overflow.map((i, n) => {
                const p = tabs[i]!;
                return (
                  <button
                    key={p.id}
                    role="menuitem"
                    className="panel-menu-item"
                    autoFocus={n === 0}
                    onClick={() => {
                      setOpen(false);
                      onSelect(p.id);
                    }}
                  >
                    <span className="t">{p.title}</span>
                    <span className="d">{p.description}</span>
                  </button>
                );
              })}
            </div>
          )}
        </div>
      )}
      <div className="panel-tabs-measure" ref={measure} aria-hidden>
        {tabs.map((p) => (
          <span key={p.id} className="panel-tab">
            {p.title}
          </span>
        ))}
        <span className="panel-tab panel-more-button">
          More <span>▾</span>
        </span>
      </div>
    </div>
  );
}
