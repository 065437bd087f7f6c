import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { FindingView } from './api.js';
import { keyOf, listRows, nextFindingRow, type ListRow, type SeverityView } from './findings-model.js';

const HEADINGS: Record<SeverityView, string> = { error: 'Errors', warning: 'Warnings', info: 'Notes' };
const HEADING_H = 40;
const CARD_H = 76;

export interface FindingListProps {
  readonly findings: readonly FindingView[];
  readonly renderCard: (f: FindingView) => ReactNode;
}

/**
 * The findings by severity, virtualised: with thousands of findings only the cards in view (and the focused one)
 * are in the page. Each section keeps its heading and counts (open, acknowledged apart); the arrow keys, Home and
 * End move between the findings' titles, scrolling the next one in.
 */
export function FindingList({ findings, renderCard }: FindingListProps) {
  const rows = useMemo(() => listRows(findings), [findings]);
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<number | null>(null);
  const [pending, setPending] = useState<number | null>(null);
  // The focused card stays mounted when scrolled away, so focus (and a reason being typed) is not lost.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const out = defaultRangeExtractor(range);
      if (active !== null && active < range.count && !out.includes(active))
        return [...out, active].sort((a, b) => a - b);
      return out;
    },
    [active],
  );
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (rows[i]?.kind === 'heading' ? HEADING_H : CARD_H),
    getItemKey: (i) => rowKey(rows[i]!),
    overscan: 6,
    rangeExtractor,
    initialRect: { width: 480, height: 640 },
  });
  const items = virtual.getVirtualItems();

  // Focus the title of a row the keys moved to, once it is rendered (scrolling it in may take a frame).
  useEffect(() => {
    if (pending === null) return;
    let frame = 0;
    let tries = 0;
    const focus = () => {
      const el = scroller.current?.querySelector<HTMLElement>(`[data-index="${pending}"] .adv-finding-title`);
      if (el) {
        el.focus({ preventScroll: true });
        setPending(null);
      } else if (tries++ < 10) frame = requestAnimationFrame(focus);
    };
    focus();
    return () => cancelAnimationFrame(frame);
  }, [pending, items]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
    const target = e.target as HTMLElement;
    // Keys typed into a field (the reason of an acknowledgement) are the field's.
    if (target.closest('input, textarea, select')) return;
    const at = Number(target.closest<HTMLElement>('[data-index]')?.dataset.index ?? -1);
    const next = nextFindingRow(rows, at, e.key);
    if (next === null) return;
    e.preventDefault();
    setActive(next);
    virtual.scrollToIndex(next, { align: 'auto' });
    setPending(next);
  };

  // Items grouped by section, so that each severity stays a region with its heading (positions are the list's).
  const sections = new Map<SeverityView, typeof items>();
  for (const item of items) {
    const s = rows[item.index]!.severity;
    sections.set(s, [...(sections.get(s) ?? []), item]);
  }
  const place = (item: (typeof items)[number]) => {
    const row = rows[item.index]!;
    return (
      <div
        key={item.key}
        data-index={item.index}
        ref={virtual.measureElement}
        className={row.kind === 'finding' && row.finding.acknowledged !== null ? 'adv-row acked' : 'adv-row'}
        style={{ transform: `translateY(${item.start}px)` }}
        onFocus={() => row.kind === 'finding' && setActive(item.index)}
        {...(row.kind === 'finding'
          ? {
              role: 'listitem',
              'aria-label': keyOf(row.finding),
              'aria-posinset': row.position,
              'aria-setsize': row.of,
            }
          : {})}
      >
        {row.kind === 'heading' ? <Heading row={row} /> : renderCard(row.finding)}
      </div>
    );
  };
  return (
    <div className="adv-list-scroll" ref={scroller} onKeyDown={onKeyDown}>
      <div className="adv-list-inner" style={{ height: virtual.getTotalSize() }}>
        {[...sections].map(([severity, visible]) => (
          <section key={severity} aria-label={HEADINGS[severity]}>
            {visible.filter((item) => rows[item.index]!.kind === 'heading').map(place)}
            <div role="list">{visible.filter((item) => rows[item.index]!.kind === 'finding').map(place)}</div>
          </section>
        ))}
      </div>
    </div>
  );
}

function rowKey(row: ListRow): string {
  return row.kind === 'heading' ? `#${row.severity}` : keyOf(row.finding);
}

function Heading({ row }: { row: Extract<ListRow, { kind: 'heading' }> }) {
  return (
    <h3 className={`adv-sev ${row.severity}`}>
      {/* The same count as the header's (open findings), the acknowledged ones named apart. */}
      {HEADINGS[row.severity]} <span className="muted">{row.open}</span>
      {row.acked > 0 && <span className="muted"> · {row.acked} acknowledged</span>}
    </h3>
  );
}
