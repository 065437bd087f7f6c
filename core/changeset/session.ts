import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { ChangeSetHistoryEntry, PendingStatement } from '../../shared/contract/changeset.js';
import { sqlFile } from '../db/sql-files.js';
import type { ApplyOptions, ApplyRun, ApplyStatementInput } from './apply.js';
import { placeStatements } from './classify.js';
import type { PendingEntry } from './pending-store.js';

/** Who and where a set is applied. */
export interface SessionInfo {
  readonly user: string;
  readonly database: string;
  readonly version: string;
  readonly versionNum: number;
}

export async function readSession(client: pg.ClientBase): Promise<SessionInfo> {
  const { rows } = await client.query<{
    user: string;
    database: string;
    version: string;
    version_num: number;
  }>(sqlFile('changeset/session.sql'));
  const r = rows[0]!;
  return { user: r.user, database: r.database, version: r.version, versionNum: r.version_num };
}

/** The pending entries as the contract shows them, each placed (in the transaction or after it). */
export function placedStatements(
  entries: readonly PendingEntry[],
  serverVersionNum: number,
): (PendingStatement & ApplyStatementInput)[] {
  const placements = placeStatements(entries, serverVersionNum);
  return entries.map((e, i) => ({
    id: e.id,
    sql: e.sql,
    origin: e.origin,
    addedAt: e.addedAt,
    phase: placements[i]!.phase,
    reason: placements[i]!.reason,
  }));
}

/** The history entry for a run, or null when nothing ran (a set waiting for confirmation). */
export function historyEntryOf(
  run: ApplyRun,
  where: {
    readonly session: SessionInfo;
    readonly host: string;
    readonly port: number;
    readonly source: ChangeSetHistoryEntry['source'];
    readonly options: ApplyOptions;
  },
): ChangeSetHistoryEntry | null {
  if (run.outcome === 'needs-confirmation') return null;
  const error = run.failure?.error;
  return {
    id: randomUUID(),
    at: new Date().toISOString(),
    server: { host: where.host, port: where.port, version: where.session.version },
    database: where.session.database,
    user: where.session.user,
    source: where.source,
    outcome: run.outcome,
    summary: run.summary,
    lockTimeoutMs: where.options.lockTimeoutMs,
    statementTimeoutMs: where.options.statementTimeoutMs,
    ms: run.ms,
    statements: run.statements.map((s) => ({
      sql: s.sql,
      origin: s.origin,
      phase: s.phase,
      status: s.status,
    })),
    failure: run.failure && {
      index: run.failure.index,
      sqlstate: error?.sqlstate ?? null,
      message: error?.message ?? '',
      position: error?.position ?? null,
    },
  };
}
