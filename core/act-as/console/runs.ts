/** How long a cancel that arrived before its run is remembered (the two calls may overtake each other). */
const EARLY_CANCEL_TTL_MS = 10_000;

/** What the run fails with when it was cancelled before its statement started: PostgreSQL's own cancel error. */
function cancelledError(): Error & { code: string } {
  return Object.assign(new Error('canceling statement due to user request'), { code: '57014' });
}

/**
 * The backend of each act-as run in flight, keyed by the connection and the run id the caller chose, so a cancel
 * signals that one backend and nothing else. A cancel that comes before the backend is known is remembered, and
 * the run stops as soon as it reports its backend.
 */
export class RunRegistry {
  private readonly pids = new Map<string, number | null>();
  private readonly early = new Map<string, number>();

  private key(connectionId: string, runId: string): string {
    return `${connectionId}\u0000${runId}`;
  }

  /** Runs `work`, recording the backend pid it reports until it settles. */
  async track<T>(
    connectionId: string,
    runId: string | undefined,
    work: (onBackend: ((pid: number) => void) | undefined) => Promise<T>,
  ): Promise<T> {
    if (runId === undefined) return work(undefined);
    const key = this.key(connectionId, runId);
    this.pids.set(key, null);
    try {
      return await work((pid) => {
        if (this.early.delete(key)) throw cancelledError();
        this.pids.set(key, pid);
      });
    } finally {
      this.pids.delete(key);
    }
  }

  /**
   * Asks for a run to stop: its backend pid to signal, `pending` when it has not reached the database yet (it
   * will fail with 57014 when it does), or `none` when no such run is going.
   */
  cancel(connectionId: string, runId: string): { pid: number } | 'pending' | 'none' {
    const key = this.key(connectionId, runId);
    const pid = this.pids.get(key);
    if (typeof pid === 'number') return { pid };
    const now = Date.now();
    for (const [k, at] of this.early) if (now - at > EARLY_CANCEL_TTL_MS) this.early.delete(k);
    this.early.set(key, now);
    return pid === null ? 'pending' : 'none';
  }
}

export const actAsRuns = new RunRegistry();
