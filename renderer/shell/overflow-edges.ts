import { useEffect, type RefObject } from 'react';

/**
 * Marks `frame` with data-more-left / data-more-right while `scroller` hides content beyond that edge, so CSS can
 * fade the edge: a wide matrix cut at a column otherwise reads as complete (overlay scrollbars show nothing until
 * touched). Written straight to the DOM on scroll, never through React state: a re-render per scroll event would
 * cost the frames the matrix's scrolling was made to keep.
 */
export function useOverflowEdges(
  scroller: RefObject<HTMLElement | null>,
  frame: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    const el = scroller.current;
    const target = frame.current;
    if (el === null || target === null) return;
    const update = () => {
      target.toggleAttribute('data-more-left', el.scrollLeft > 0);
      target.toggleAttribute('data-more-right', el.scrollLeft + el.clientWidth < el.scrollWidth - 1);
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(update) : null;
    observer?.observe(el);
    if (el.firstElementChild) observer?.observe(el.firstElementChild);
    return () => {
      el.removeEventListener('scroll', update);
      observer?.disconnect();
    };
  }, [scroller, frame]);
}
