import { useEffect, type RefObject } from 'react';

/**
 * Marks `frame` with data-more-left / data-more-right while `scroller` hides content beyond that edge, so CSS can
 * fade the edge: a wide matrix cut at a column otherwise reads as complete (overlay scrollbars show nothing until
 * touched). Cheap on purpose, since it runs beside a matrix scrolled at the display rate: no React state (no
 * re-render), at most one check per frame, the widths read only when the scroller or its content is resized, and
 * an attribute written only when it changes.
 */
export function useOverflowEdges(
  scroller: RefObject<HTMLElement | null>,
  frame: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    const el = scroller.current;
    const target = frame.current;
    if (el === null || target === null) return;
    let maxLeft = 0;
    let left: boolean | null = null;
    let right: boolean | null = null;
    let pending = 0;
    const mark = () => {
      pending = 0;
      const x = el.scrollLeft;
      const l = x > 0;
      const r = x < maxLeft - 1;
      if (l !== left) target.toggleAttribute('data-more-left', (left = l));
      if (r !== right) target.toggleAttribute('data-more-right', (right = r));
    };
    const measure = () => {
      maxLeft = el.scrollWidth - el.clientWidth;
      mark();
    };
    const onScroll = () => {
      if (pending === 0) pending = requestAnimationFrame(mark);
    };
    measure();
    el.addEventListener('scroll', onScroll, { passive: true });
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    observer?.observe(el);
    if (el.firstElementChild) observer?.observe(el.firstElementChild);
    return () => {
      el.removeEventListener('scroll', onScroll);
      if (pending !== 0) cancelAnimationFrame(pending);
      observer?.disconnect();
    };
  }, [scroller, frame]);
}
