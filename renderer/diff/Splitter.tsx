import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

/**
 * A vertical splitter between two panes: drag it, or focus it and use ←/→ (Home/End for the limits). The width
 * is the left pane's, in pixels, kept by the parent.
 */
export function Splitter({
  width,
  min,
  max,
  onChange,
  label,
}: {
  width: number;
  min: number;
  max: number;
  onChange: (w: number) => void;
  label: string;
}) {
  const start = useRef<{ x: number; w: number } | null>(null);
  const clamp = (w: number) => Math.round(Math.min(max, Math.max(min, w)));
  const onDown = (e: PointerEvent<HTMLDivElement>) => {
    start.current = { x: e.clientX, w: width };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    if (start.current) onChange(clamp(start.current.w + e.clientX - start.current.x));
  };
  const onUp = () => {
    start.current = null;
  };
  const onKey = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 64 : 16;
    const next =
      e.key === 'ArrowLeft'
        ? width - step
        : e.key === 'ArrowRight'
          ? width + step
          : e.key === 'Home'
            ? min
            : e.key === 'End'
              ? max
              : null;
    if (next === null) return;
    e.preventDefault();
    onChange(clamp(next));
  };
  return (
    <div
      className="diff-splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
      onPointerCancel={onUp}
      onKeyDown={onKey}
    />
  );
}
