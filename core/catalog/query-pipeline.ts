import type pg from 'pg';
import type { z } from 'zod';
import { checkCatalogRows, sendCatalogQuery } from './run-query.js';

export interface PipelinedQuery {
  readonly file: string;
  readonly values?: readonly unknown[];
}

/**
 * Runs a fixed list of catalog queries in order on one client. On a client in pipeline mode (see
 * withPipelining) every query is written at once and the server answers them back to back; otherwise query
 * k+1 is sent the moment query k's result is in, whatever the caller is doing. Either way the server works
 * while this process validates and assembles earlier results, so on a multi-core machine the read costs
 * roughly max(server, client) instead of their sum. Results must be taken with `take` in list order.
 */
export class QueryPipeline {
  private readonly sent: Promise<pg.QueryResult>[] = [];
  private next = 0;

  /** When the previous query's result came in: a pipelined query's time is counted from then. */
  private lastDone = 0;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly queries: readonly PipelinedQuery[],
    private readonly onQuery?: (file: string, ms: number, rows: number) => void,
    private readonly pipelined = false,
  ) {
    if (pipelined) for (let i = 0; i < queries.length; i++) this.send(i);
    else this.send(0);
  }

  private send(index: number): void {
    const query = this.queries[index];
    if (query === undefined) return;
    const sentAt = performance.now();
    const promise = sendCatalogQuery(this.client, query.file, query.values).then(
      (result) => {
        const done = performance.now();
        this.onQuery?.(
          query.file,
          done - Math.max(sentAt, this.lastDone),
          result.rowCount ?? result.rows.length,
        );
        this.lastDone = done;
        if (!this.pipelined) this.send(index + 1);
        return result;
      },
      (error: unknown) => {
        // The transaction is aborted: the rest would fail too. Each later take reports this failure.
        for (let i = index + 1; i < this.queries.length; i++) this.sent[i] = promise;
        throw error;
      },
    );
    // Taken later by `take`; a failure before then must not count as an unhandled rejection.
    promise.catch(() => undefined);
    this.sent[index] = promise;
  }

  /** Whether `file` is one of this pipeline's queries. */
  has(file: string): boolean {
    return this.queries.some((q) => q.file === file);
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
    // Drop the reference: the raw rows need not outlive their assembly.
    delete this.sent[index];
    return checkCatalogRows(file, row, result.rows);
  }
}

/** Several pipelines (one per connection) taken from as one: each file is taken from the pipeline holding it. */
export class SplitPipeline {
  constructor(private readonly pipelines: readonly QueryPipeline[]) {}

  take<T extends z.ZodType>(file: string, row: T): Promise<z.output<T>[]> {
    const pipeline = this.pipelines.find((p) => p.has(file)) ?? this.pipelines[0];
    if (pipeline === undefined) throw new Error('catalog pipeline: no connection');
    return pipeline.take(file, row);
  }
}
