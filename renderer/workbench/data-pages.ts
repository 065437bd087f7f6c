/** Rows fetched per request while scrolling. */
export const PAGE_SIZE = 200;

export type Row = readonly (string | null)[];

/**
 * The loaded pages of a data view: a sparse cache by page index, so a 100k-row table scrolls with only the
 * pages around the viewport in memory and on the wire.
 */
export class PageCache {
  readonly #pages = new Map<number, readonly Row[]>();
  readonly #loading = new Set<number>();

  constructor(readonly pageSize = PAGE_SIZE) {}

  row(index: number): Row | undefined {
    return this.#pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  has(page: number): boolean {
    return this.#pages.has(page);
  }

  /** The pages a visible range needs that are neither loaded nor on their way. */
  missing(first: number, last: number, count: number): number[] {
    const out: number[] = [];
    if (count === 0) return out;
    const from = Math.floor(Math.max(0, first) / this.pageSize);
    const to = Math.floor(Math.min(count - 1, Math.max(first, last)) / this.pageSize);
    for (let p = from; p <= to; p++) if (!this.#pages.has(p) && !this.#loading.has(p)) out.push(p);
    return out;
  }

  loading(page: number): void {
    this.#loading.add(page);
  }

  put(page: number, rows: readonly Row[]): void {
    this.#loading.delete(page);
    this.#pages.set(page, rows);
  }

  failed(page: number): void {
    this.#loading.delete(page);
  }

  /** The last row of the page before, for keyset paging (null when that page is not loaded). */
  lastRowBefore(page: number): Row | null {
    const prev = this.#pages.get(page - 1);
    return prev && prev.length === this.pageSize ? prev[prev.length - 1]! : null;
  }

  /** Every loaded row with its index (copy, persona visibility). */
  loaded(): { index: number; row: Row }[] {
    const out: { index: number; row: Row }[] = [];
    for (const [p, rows] of [...this.#pages].sort((a, b) => a[0] - b[0]))
      rows.forEach((row, i) => out.push({ index: p * this.pageSize + i, row }));
    return out;
  }

  /** The indexes of the loaded pages. */
  loadedPages(): number[] {
    return [...this.#pages.keys()].sort((a, b) => a - b);
  }

  /** Rows of one loaded page (for asking the simulator about them). */
  page(page: number): readonly Row[] | undefined {
    return this.#pages.get(page);
  }
}
