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

/*
 * Checked against the source for the corpus (test/postgrest-cases) as every major answers it: no case's expectation
 * contradicts it. Every case the corpus says holds for 12.2 (no `since`, or one below 13) passes answered as 12
 * (test-corpus-suite.ts "as PostgREST 12"), the others as 16. One `since` is narrower than the source:
 * page.offset-out-of-range ("14.2") also holds for 12 (v12.2.12 src/PostgREST/Response.hs:67-94 sends the whole
 * 416 body, and no Content-Length); only 13.0.0–14.1 cut it (v13.0.8 Response.hs:70, round-2 case
 * r2.version.range-error-cut-v13). That is a range, not a wrong answer, so it is not listed here.
 * Checked again with the entries read from the CHANGELOG from 12.2.12 to 16.2 (full-text to_tsvector, write
 * representations' order and or= filtering, hints, spread aggregates, max-affected on calls, role settings, unknown
 * schemas, OpenAPI formats, 40001 retries): no corpus case without `since` relies on a 13+ behaviour of them.
 */
export const knownDeviations: Readonly<Record<string, KnownDeviation>> = {};
