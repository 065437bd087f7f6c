import { useCallback, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';

const STORAGE_PREFIX = 'gatehouse.split.';
/** Arrow keys move the splitter by this much; with Shift, four times as far. */
export const KEY_STEP = 16;

export interface SplitSize {
  readonly size: number;
  set(size: number): void;
  reset(): void;
  readonly min: number;
  readonly max: number;
  readonly initial: number;
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(n)));
}

function readStored(key: string): number | null {
  try {
    const v = Number(localStorage.getItem(STORAGE_PREFIX + key));
    return Number.isFinite(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

/** A pane size in pixels, kept between sessions under `gatehouse.split.<key>` in localStorage. */
export function useSplitSize(key: string, initial: number, min: number, max: number): SplitSize {
  const [size, setSize] = useState(() => clamp(readStored(key) ?? initial, min, max));
  const set = useCallback(
    (next: number) => {
      const v = clamp(next, min, max);
      setSize(v);
      try {
        localStorage.setItem(STORAGE_PREFIX + key, String(v));
      } catch {
        // Storage can be full or denied: the size still applies for this session.
      }
    },
    [key, min, max],
  );
  const reset = useCallback(() => {
    setSize(clamp(initial, min, max));
    try {
      localStorage.removeItem(STORAGE_PREFIX + key);
    } catch {
      // As above.
    }
  }, [key, initial, min, max]);
  return { size, set, reset, min, max, initial };
}

/**
 * The handle between two panes. `orientation` is the line it draws: `vertical` between a left and a right pane
 * (dragged sideways), `horizontal` between a top and a bottom one. `pane` says which side the sized pane is on, so
 * that dragging towards the other side makes it bigger. Arrow keys move it, Home/End go to the limits, a double
 * click (or Enter) puts the size back to its default.
 */
export function Splitter({
  split,
  orientation,
  pane,
  label,
}: {
  split: SplitSize;
  orientation: 'vertical' | 'horizontal';
  pane: 'before' | 'after';
  label: string;
}) {
  const drag = useRef<{ start: number; size: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const sign = pane === 'before' ? 1 : -1;
  const along = (e: { clientX: number; clientY: number }) =>
    orientation === 'vertical' ? e.clientX : e.clientY;

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drag.current = { start: along(e), size: split.size };
    setDragging(true);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    split.set(drag.current.size + sign * (along(e) - drag.current.start));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    e.currentTarget.releasePointerCapture?.(e.pointerId);
    drag.current = null;
    setDragging(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? KEY_STEP * 4 : KEY_STEP;
    const forward = orientation === 'vertical' ? 'ArrowRight' : 'ArrowDown';
    const back = orientation === 'vertical' ? 'ArrowLeft' : 'ArrowUp';
    let next: number | null = null;
    if (e.key === forward) next = split.size + sign * step;
    else if (e.key === back) next = split.size - sign * step;
    else if (e.key === 'Home') next = split.min;
    else if (e.key === 'End') next = split.max;
    else if (e.key === 'Enter') {
      e.preventDefault();
      split.reset();
      return;
    }
    if (next === null) return;
    e.preventDefault();
    split.set(next);
  };

  return (
    <div
      className={`splitter ${orientation}${dragging ? ' dragging' : ''}`}
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      aria-valuenow={split.size}
      aria-valuemin={split.min}
      aria-valuemax={split.max}
      tabIndex={0}
      title={`${label} — drag, or use the arrow keys; double-click to reset`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={split.reset}
      onKeyDown={onKeyDown}
    />
  );
}
