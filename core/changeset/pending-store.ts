import { randomUUID } from 'node:crypto';
import type { Node } from 'libpg-query';
import type { ChangeOrigin } from '../../shared/contract/changeset.js';
import { GatehouseError } from '../../shared/errors.js';
import { assertAcceptable } from './classify.js';
import { splitSql } from './split.js';

/** One statement waiting to be applied, with its parse tree (for placement) and where it came from. */
export interface PendingEntry {
  readonly id: string;
  readonly sql: string;
  readonly origin: ChangeOrigin;
  readonly addedAt: string;
  readonly node: Node;
}

/** At most this many statements wait per connection (a set is reviewed by a person). */
export const PENDING_LIMIT = 5_000;

/**
 * The pending change sets of the studio, one per connection, held by the host so every panel adds to and
 * reads the same list. In memory: a set is work in progress, the history keeps what was applied.
 */
export class ChangeSetStore {
  readonly #sets = new Map<string, PendingEntry[]>();
  readonly #applying = new Set<string>();

  list(connectionId: string): readonly PendingEntry[] {
    return this.#sets.get(connectionId) ?? [];
  }

  /**
   * Parses each text with PostgreSQL's parser and queues its statements in order (a text holding several is
   * split, each keeping the origin). All or nothing: one text that does not parse or cannot be in a set
   * (GH600/GH601) queues none of them.
   */
  async add(
    connectionId: string,
    inputs: readonly { sql: string; origin: ChangeOrigin }[],
  ): Promise<readonly PendingEntry[]> {
    const added: PendingEntry[] = [];
    for (const [n, input] of inputs.entries()) {
      const label = inputs.length > 1 ? `Statement ${n + 1} (${input.origin.action})` : 'The statement';
      const parsed = await splitSql(input.sql, label);
      if (parsed.length === 0)
        throw new GatehouseError('GH600', `${label} is empty (only comments or semicolons).`, {
          hint: 'Send at least one SQL statement.',
        });
      for (const p of parsed) {
        assertAcceptable(p.node, label);
        added.push({
          id: randomUUID(),
          sql: p.sql,
          origin: input.origin,
          addedAt: new Date().toISOString(),
          node: p.node,
        });
      }
    }
    const current = this.list(connectionId);
    if (current.length + added.length > PENDING_LIMIT)
      throw new GatehouseError('GH601', `A change set holds at most ${PENDING_LIMIT} statements.`, {
        hint: 'Apply or discard the pending set first.',
      });
    this.#sets.set(connectionId, [...current, ...added]);
    return this.list(connectionId);
  }

  remove(connectionId: string, id: string): readonly PendingEntry[] {
    const current = this.list(connectionId);
    if (!current.some((e) => e.id === id))
      throw new GatehouseError('GH602', 'That statement is no longer in the change set.', {
        hint: 'It was applied, removed or discarded elsewhere; the list has been refreshed.',
      });
    return this.#set(
      connectionId,
      current.filter((e) => e.id !== id),
    );
  }

  discard(connectionId: string): readonly PendingEntry[] {
    return this.#set(connectionId, []);
  }

  /** After a successful apply: drops exactly the statements that ran (others may have been added meanwhile). */
  removeApplied(connectionId: string, ids: readonly string[]): readonly PendingEntry[] {
    const done = new Set(ids);
    return this.#set(
      connectionId,
      this.list(connectionId).filter((e) => !done.has(e.id)),
    );
  }

  /** Runs `fn` as the only apply of this connection at a time (GH605 for a second one). */
  async exclusive<T>(connectionId: string, fn: () => Promise<T>): Promise<T> {
    if (this.#applying.has(connectionId))
      throw new GatehouseError('GH605', 'This change set is already being applied.', {
        hint: 'Wait for the running apply to finish; its result appears in the drawer and the history.',
      });
    this.#applying.add(connectionId);
    try {
      return await fn();
    } finally {
      this.#applying.delete(connectionId);
    }
  }

  #set(connectionId: string, entries: PendingEntry[]): readonly PendingEntry[] {
    if (entries.length === 0) this.#sets.delete(connectionId);
    else this.#sets.set(connectionId, entries);
    return this.list(connectionId);
  }
}
