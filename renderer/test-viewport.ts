import { afterAll, beforeAll } from 'vitest';

/**
 * jsdom lays nothing out, so a virtualiser sees a zero-sized scroll container and renders no rows. This gives
 * every element of the calling test file the given size (each row measures as tall too, so a "screenful" is a
 * few rows) and restores jsdom's own properties afterwards.
 */
export function withViewport(width: number, height: number): void {
  const size = { clientHeight: height, clientWidth: width, offsetHeight: height, offsetWidth: width };
  const saved = Object.fromEntries(
    Object.keys(size).map((k) => [k, Object.getOwnPropertyDescriptor(HTMLElement.prototype, k)]),
  );
  beforeAll(() => {
    for (const [k, v] of Object.entries(size))
      Object.defineProperty(HTMLElement.prototype, k, { configurable: true, get: () => v });
  });
  afterAll(() => {
    for (const [k, d] of Object.entries(saved)) if (d) Object.defineProperty(HTMLElement.prototype, k, d);
  });
}
