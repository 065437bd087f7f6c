import type pg from 'pg';

/** node-postgres 8.23+ clients carry `pipeline` (set from their config): when true, queries go out unanswered. */
interface PipelineCapable {
  pipeline: boolean;
}

function capable(client: pg.ClientBase): client is pg.ClientBase & PipelineCapable {
  return typeof (client as Partial<PipelineCapable>).pipeline === 'boolean';
}

/**
 * Runs `read` with `client` in node-postgres's pipeline mode, so that every catalog query can be written at
 * once and the server works through them back to back while this process parses and assembles (one query
 * at a time left the server idle whenever assembly held the event loop). Restored afterwards; `read` must
 * have awaited every query it sent (the transaction's COMMIT or ROLLBACK, which is answered last, does).
 * A client already in pipeline mode, or one from a node-postgres without it, is used as it is; `pipelined`
 * tells `read` which.
 */
export async function withPipelining<T>(
  client: pg.ClientBase,
  read: (pipelined: boolean) => Promise<T>,
): Promise<T> {
  if (!capable(client)) return read(false);
  if (client.pipeline) return read(true);
  client.pipeline = true;
  try {
    return await read(true);
  } finally {
    client.pipeline = false;
  }
}
