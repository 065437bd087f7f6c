import type pg from 'pg';
import type { z } from 'zod';
import { checkCatalogRows, sendCatalogQuery } from './run-query.js';

export interface PipelinedQuery {
  readonly file: string;
  readonly values?: readonly unknown[];
}

/**
 * Runs a fixed list of catalog queries in order on one client, sending query k+1 the moment query k's
 * result is in, before the caller validates and assembles k. The server then works on k+1 while this
 * process works on k: on a two-core machine the read costs roughly max(server, client) instead of their
 * sum. Only one query is ever in flight (node-postgres does not pipeline, and no query is queued on a busy
 * client). Results must be taken with `take` in list order.
 */
export class QueryPipeline {
  private readonly sent: Promise<pg.QueryResult>[] = [];
  private next = 0;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly queries: readonly PipelinedQuery[],
    private readonly onQuery?: (file: string, ms: number, rows: number) => void,
  ) {
    this.send(0);
  }

  private send(index: number): void {
    const query = this.queries[index];
    if (query === undefined) return;
    const started = performance.now();
    const promise = sendCatalogQuery(this.client, query.file, query.values).then((result) => {
      this.onQuery?.(query.file, performance.now() - started, result.rowCount ?? result.rows.length);
      return result;
    });
    // Taken later by `take`; a failure before then must not count as an unhandled rejection.
    promise.catch(() => undefined);
    this.sent[index] = promise;
  }

  /** The validated rows of the next query in the list (which must be `file`). */
  async take<T extends z.ZodType>(file: string, row: T): Promise<z.output<T>[]> {
    const index = this.next++;
    const query = this.queries[index];
    const promise = this.sent[index];
    if (query === undefined || promise === undefined || query.file !== file) {
      throw new Error(`catalog pipeline: expected ${query?.file ?? 'no more queries'}, asked for ${file}`);
    }
    const result = await promise;
    this.send(index + 1);
    return checkCatalogRows(file, row, result.rows);
  }
}
