import type pg from 'pg';
import { GatehouseError } from '../../../shared/errors.js';
import type { Change, DiffOptions, Migration } from '../../../shared/diff/migration.js';
import { refKey, refLabel, type Catalog, type ObjectRef } from '../../../shared/model/catalog.js';
import { readCatalog } from '../../catalog/read-catalog.js';
import { ddlForDatabase } from '../../ddl/database-ddl.js';
import { transactionGroups } from '../export/render-script.js';
import type { OnProgress } from '../sources/apply-files.js';
import { withClient } from '../sources/connect.js';
import type { LoadedSource } from '../sources/load-source.js';
import type { ShadowPool } from '../sources/shadow-pool.js';
import type { ShadowDatabase } from '../sources/shadow-server.js';
import type { DiffModels } from './engine.js';

/**
 * Proves a migration before it ships: applied to a shadow copy of FROM (its own shadow database when FROM is a
 * folder or .sql file, else FROM's DDL written by core/ddl into a new shadow database), read back and diffed
 * against TO again. Verified only when that second diff holds nothing but what the migration ticked out (those
 * are reported apart, as `leftOut`); anything else is the residue.
 */
export interface VerifyInput {
  readonly from: LoadedSource;
  readonly to: Catalog;
  readonly migration: Migration;
  readonly options?: DiffOptions;
  readonly diff: DiffModels;
  readonly pool: ShadowPool;
  readonly onProgress?: OnProgress;
}

export interface VerifyResult {
  /** Nothing differs after the migration but what was ticked out of it (`leftOut`). */
  readonly verified: boolean;
  /** The second diff (shadow after the migration → TO): empty when verified with nothing ticked out. */
  readonly residue: Migration;
  /**
   * The changes of `residue` that are the migration's own ticked-out changes (or followed one): expected to
   * remain, and not counted against verification.
   */
  readonly leftOut: readonly Change[];
  /** The changes of `residue` that nothing explains: verified only when empty. */
  readonly unexpected: readonly Change[];
  /** What the migration ran on, for the report. */
  readonly shadow: string;
  /**
   * When FROM was copied through its DDL: the differences between that copy and FROM before the migration
   * (null when the copy was exact or FROM's own shadow database was used). A residue may stem from these.
   */
  readonly copyDifferences: Migration | null;
  /** Objects of FROM the DDL writer could not copy (each with the reason). */
  readonly notCopied: readonly { readonly object: ObjectRef; readonly reason: string }[];
}

interface PgFailure {
  readonly message: string;
  readonly code?: string;
}

/** The re-diff's options: the same comparison, without the choices that only shape the first migration. */
function recheckOptions(options: DiffOptions | undefined): DiffOptions {
  const { renames: _renames, skip: _skip, ...rest } = options ?? {};
  return rest;
}

/**
 * What a change is across two diffs of the same direction: its kind, action and object (an id's `#n` suffix
 * counts duplicates within one diff and is not comparable across two).
 */
const sameChange = (c: Change) => `${c.kind}\0${c.action}\0${refKey(c.object)}`;

/**
 * Splits the second diff: a change the migration ticked out (or that followed one out) was left on purpose and
 * comes back exactly as it was planned, shadow → TO being FROM → TO minus what ran. Everything else is residue.
 */
export function splitResidue(
  migration: Migration,
  residue: Migration,
): { leftOut: Change[]; unexpected: Change[] } {
  const byId = new Map(migration.changes.map((c) => [c.id, c]));
  const skipped = new Set(
    migration.skipped.map((s) => byId.get(s.id)).flatMap((c) => (c === undefined ? [] : [sameChange(c)])),
  );
  const leftOut: Change[] = [];
  const unexpected: Change[] = [];
  for (const c of residue.changes) (skipped.has(sameChange(c)) ? leftOut : unexpected).push(c);
  return { leftOut, unexpected };
}

async function copyOfSource(input: VerifyInput): Promise<{
  db: ShadowDatabase;
  label: string;
  copyDifferences: Migration | null;
  notCopied: VerifyResult['notCopied'];
}> {
  const { from } = input;
  if (from.shadowDb !== null)
    return {
      db: from.shadowDb,
      label: `the shadow database of ${from.label}`,
      copyDifferences: null,
      notCopied: [],
    };
  const major = from.model.server.major;
  const server = await input.pool.server(major, `the source (${from.label})`);
  const db = await server.createDatabase();
  input.onProgress?.({ step: 'shadow', message: `copying ${from.label} into the ${server.label} to verify` });
  const before = await withClient(db.connect, db.uri, async (client) => {
    const existing = new Set(
      (await client.query<{ rolname: string }>('SELECT rolname FROM pg_catalog.pg_roles')).rows.map(
        (r) => r.rolname,
      ),
    );
    const ddl = ddlForDatabase(from.model, { roles: (r) => !existing.has(r.name), serverMajor: major });
    for (const s of ddl.statements) {
      try {
        await client.query(s.sql);
      } catch (error) {
        throw new GatehouseError(
          'GH1005',
          `The shadow copy of ${from.label} could not be built: ${(error as Error).message}`,
          {
            details: `in: ${s.redacted ?? s.sql}`,
            hint: 'Verify against a folder of .sql files instead, or report this.',
          },
        );
      }
    }
    return { model: await readCatalog(client), notCopied: ddl.skipped };
  });
  const differences = input.diff(before.model, from.model, recheckOptions(input.options));
  return {
    db,
    label: `a shadow copy of ${from.label} (${server.label})`,
    copyDifferences: differences.equal ? null : differences,
    notCopied: before.notCopied,
  };
}

/** Runs the migration as its script would: runs of transactional statements each in one transaction. */
async function applyMigration(client: pg.ClientBase, migration: Migration): Promise<void> {
  let index = 0;
  for (const group of transactionGroups(migration)) {
    if (group.transactional) await client.query('BEGIN');
    for (const s of group.statements) {
      index++;
      try {
        await client.query(s.sql);
      } catch (error) {
        if (group.transactional) await client.query('ROLLBACK').catch(() => undefined);
        const e = error as PgFailure;
        throw new GatehouseError(
          'GH1008',
          `Statement ${index} of the migration (${refLabel(s.object)}) failed on the shadow copy: ${e.message}`,
          {
            details: `${e.code ? `SQLSTATE ${e.code}\n` : ''}in: ${s.sql}`,
            hint: 'The migration would fail on the real database too: this is a diff engine bug worth reporting.',
            cause: error,
          },
        );
      }
    }
    if (group.transactional) await client.query('COMMIT');
  }
}

export async function verifyMigration(input: VerifyInput): Promise<VerifyResult> {
  const copy = await copyOfSource(input);
  input.onProgress?.({ step: 'read', message: `applying the migration to ${copy.label}` });
  const after = await withClient(copy.db.connect, copy.db.uri, async (client) => {
    await applyMigration(client, input.migration);
    return readCatalog(client);
  });
  const residue = input.diff(after, input.to, recheckOptions(input.options));
  const { leftOut, unexpected } = splitResidue(input.migration, residue);
  return {
    verified: unexpected.length === 0 && residue.cycles.length === 0,
    residue,
    leftOut,
    unexpected,
    shadow: copy.label,
    copyDifferences: copy.copyDifferences,
    notCopied: copy.notCopied,
  };
}
