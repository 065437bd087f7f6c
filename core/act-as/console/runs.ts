/**
 * The backend of each act-as run in flight, keyed by the connection and the run id the caller chose, so a cancel
 * signals that one backend and nothing else.
 */
export class RunRegistry {
  private readonly pids = new Map<string, number>();

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
    try {
      return await work((pid) => this.pids.set(key, pid));
    } finally {
      this.pids.delete(key);
    }
  }

  /** The backend pid of a run that is still going, else null (finished, unknown, or not connected yet). */
  pid(connectionId: string, runId: string): number | null {
    return this.pids.get(this.key(connectionId, runId)) ?? null;
  }
}

export const actAsRuns = new RunRegistry();
