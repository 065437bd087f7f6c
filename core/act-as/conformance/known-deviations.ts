/**
 * Cases where the simulator knowingly answers differently from PostgREST, with the PostgREST source that defines
 * the expected behaviour and why we differ. The runner reports them as KNOWN, never as passed.
 * Keep this list short: every entry is a bug to fix or a documented limitation.
 */
export interface KnownDeviation {
  /** PostgREST source file and line (or doc page) that defines the behaviour. */
  readonly source: string;
  readonly reason: string;
}

export const knownDeviations: Readonly<Record<string, KnownDeviation>> = {};
