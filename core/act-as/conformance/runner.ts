import type { CaseRequest, CaseStep, ConformanceCase } from './cases.js';
import { compareResponse, type ObservedResponse } from './compare.js';
import { authorizationFor } from './jwt.js';
import type { KnownDeviation } from './known-deviations.js';

/** A request on the wire, ready to hand to the simulator (or to a real PostgREST). */
export interface WireRequest {
  readonly method: string;
  /** Path plus query string, percent-encoded as given. */
  readonly target: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string | null;
}

/** What answers the cases: the simulator against a copy of the fixture database named `database`. */
export interface ConformanceTarget {
  answer(database: string, request: WireRequest): Promise<ObservedResponse>;
  /** The copy is about to be dropped: close pools on it. */
  release(database: string): Promise<void>;
}

/** Where cases run: a shared read-only copy of the fixture, or a fresh copy per writing case. */
export interface CaseDatabases {
  readDatabase(): Promise<string>;
  copy(): Promise<string>;
  drop(name: string): Promise<void>;
}

export type CaseOutcome = 'pass' | 'fail' | 'known';

export interface CaseResult {
  readonly id: string;
  readonly outcome: CaseOutcome;
  readonly differences: readonly string[];
  readonly known: KnownDeviation | null;
  readonly ms: number;
}

export interface RunOptions {
  readonly jwtSecret: string;
  readonly knownDeviations: Readonly<Record<string, KnownDeviation>>;
  /** A case (with its followUp) taking longer fails as timed out; its database copy is dropped by force. */
  readonly caseTimeoutMs?: number;
}

const DEFAULT_CASE_TIMEOUT_MS = 30_000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A case may change data when it is not a plain read, or when its followUp checks what it did. */
export function caseWrites(c: ConformanceCase): boolean {
  return !READ_METHODS.has(c.request.method.toUpperCase()) || c.followUp !== undefined;
}

/** The wire request of a case step: its headers, a signed Authorization header, and the body. */
export async function wireRequest(step: CaseStep, secret: string): Promise<WireRequest> {
  const r: CaseRequest = step.request;
  const headers: [string, string][] = Object.entries(r.headers);
  const has = (name: string): boolean => headers.some(([k]) => k.toLowerCase() === name);
  const auth = await authorizationFor(step.claims, step.jwt, secret);
  if (auth !== null) headers.push(['Authorization', auth]);
  let body: string | null = null;
  if (r.bodyText !== undefined) body = r.bodyText;
  else if (r.body !== undefined) {
    body = JSON.stringify(r.body);
    if (!has('content-type')) headers.push(['Content-Type', 'application/json']);
  }
  return { method: r.method, target: r.path, headers, body };
}

/** Runs one case (and its followUp, without resetting in between) and compares the answers. */
export async function runCase(
  c: ConformanceCase,
  target: ConformanceTarget,
  dbs: CaseDatabases,
  options: RunOptions,
): Promise<CaseResult> {
  const started = performance.now();
  const writes = caseWrites(c);
  const database = writes ? await dbs.copy() : await dbs.readDatabase();
  const differences: string[] = [];
  try {
    await withTimeout(
      (async () => {
        const res = await target.answer(database, await wireRequest(c, options.jwtSecret));
        differences.push(...compareResponse(c.expect, res));
        if (c.followUp) {
          const fres = await target.answer(database, await wireRequest(c.followUp, options.jwtSecret));
          differences.push(...compareResponse(c.followUp.expect, fres).map((d) => `followUp: ${d}`));
        }
      })(),
      options.caseTimeoutMs ?? DEFAULT_CASE_TIMEOUT_MS,
    );
  } catch (e) {
    differences.push(
      e instanceof Error && e.message.startsWith('timed out')
        ? e.message
        : `threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    );
  } finally {
    if (writes) {
      await target.release(database);
      await dbs.drop(database);
    }
  }
  const known = options.knownDeviations[c.id] ?? null;
  const outcome: CaseOutcome = differences.length === 0 ? 'pass' : known ? 'known' : 'fail';
  return { id: c.id, outcome, differences, known, ms: performance.now() - started };
}

export interface RunSummary {
  readonly results: readonly CaseResult[];
  readonly passed: number;
  readonly failed: number;
  readonly known: number;
}

/** Runs the cases in order, printing `FAIL <id>: …` / `KNOWN <id>: …` lines and the summary line. */
export async function runCases(
  cases: readonly ConformanceCase[],
  /** One target, or the target for each case (cases with their own config settings need their own). */
  target: ConformanceTarget | ((c: ConformanceCase) => ConformanceTarget),
  dbs: CaseDatabases,
  options: RunOptions & { readonly print?: (line: string) => void },
): Promise<RunSummary> {
  const print = options.print ?? (() => undefined);
  const results: CaseResult[] = [];
  for (const c of cases) {
    const r = await runCase(c, typeof target === 'function' ? target(c) : target, dbs, options);
    results.push(r);
    if (r.outcome === 'fail') print(`FAIL ${r.id}: ${r.differences.join('; ')}`);
    if (r.outcome === 'known')
      print(
        `KNOWN ${r.id}: ${r.differences.join('; ')} (known deviation: ${r.known?.reason} — ${r.known?.source})`,
      );
  }
  const count = (o: CaseOutcome): number => results.filter((r) => r.outcome === o).length;
  const summary = { results, passed: count('pass'), failed: count('fail'), known: count('known') };
  print(
    `${summary.passed} passed, ${summary.failed} failed${summary.known ? `, ${summary.known} known deviations` : ''}`,
  );
  return summary;
}
