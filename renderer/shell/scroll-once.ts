import { useCallback, useRef } from 'react';

/**
 * A ref callback that scrolls its element into view once per `key` (a link's target): an inline
 * `ref={(el) => el?.scrollIntoView()}` would run on every render and pull the user back.
 */
export function useScrollOnce(key: string | null): (el: HTMLElement | null) => void {
  const done = useRef<string | null>(null);
  return useCallback(
    (el: HTMLElement | null) => {
      if (el === null || key === null || done.current === key) return;
      done.current = key;
      el.scrollIntoView({ block: 'nearest' });
    },
    [key],
  );
}
