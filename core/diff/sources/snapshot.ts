import { readFile, stat } from 'node:fs/promises';
import { GatehouseError } from '../../../shared/errors.js';
import { CATALOG_FORMAT, catalogSchema, type Catalog } from '../../../shared/model/catalog.js';
import { deepFreeze } from '../../catalog/deep-freeze.js';
import { canonicalCatalog } from './canonical-ids.js';
import { SNAPSHOT_MARK } from './snapshot-mark.js';

/**
 * A snapshot file: one catalog model as JSON, so a diff can run against what a database was. Versioned
 * (`format`: a build refuses a newer one by name), stable (keys sorted, canonical ids, no timestamp: an
 * unchanged database gives byte-identical files) and free of OIDs (see canonical-ids.ts).
 */

/** Bumped when a snapshot written by this build could not be read by the previous one. */
export const SNAPSHOT_FORMAT = 1;
/** What a loaded snapshot says it was read at (a snapshot keeps no timestamp). */
const NO_TIME = '1970-01-01T00:00:00.000Z';

function sortedKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(sortedKeys);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) out[k] = sortedKeys((value as Record<string, unknown>)[k]);
  return out;
}

/** The snapshot text of a model (ends with a newline). */
export function snapshotText(model: Catalog): string {
  const { readAt: _readAt, ...rest } = canonicalCatalog(model, NO_TIME);
  const file = { kind: SNAPSHOT_MARK, format: SNAPSHOT_FORMAT, catalogFormat: CATALOG_FORMAT, model: rest };
  return `${JSON.stringify(sortedKeys(file), null, 1)}\n`;
}

const invalid = (file: string, why: string) =>
  new GatehouseError('GH1003', `${file} is not a readable Gatehouse snapshot: ${why}.`, {
    hint: 'Write it again with `gatehouse snapshot --db URI -o FILE`.',
  });

/** The model a snapshot text holds, checked against the model's schema. */
export function parseSnapshot(text: string, file: string): Catalog {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalid(file, `the JSON does not parse (${(error as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || (data as { kind?: unknown }).kind !== SNAPSHOT_MARK)
    throw invalid(file, `it has no "kind": "${SNAPSHOT_MARK}"`);
  const { format, catalogFormat, model } = data as Record<string, unknown>;
  if (typeof format !== 'number' || !Number.isInteger(format) || format < 1)
    throw invalid(file, 'its "format" is not a positive whole number');
  if (format > SNAPSHOT_FORMAT || (typeof catalogFormat === 'number' && catalogFormat > CATALOG_FORMAT))
    throw new GatehouseError(
      'GH1004',
      `${file} is snapshot format ${format} (model format ${String(catalogFormat)}); this Gatehouse reads format ${SNAPSHOT_FORMAT} (model format ${CATALOG_FORMAT}) and older.`,
      {
        hint: 'Use the Gatehouse version that wrote it or a newer one, or take the snapshot again with this one.',
      },
    );
  if (catalogFormat !== CATALOG_FORMAT)
    throw invalid(file, `its model format ${String(catalogFormat)} is unknown`);
  const parsed = catalogSchema.safeParse({ ...(model as object), readAt: NO_TIME });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(file, `${issue?.path.join('.') ?? 'model'}: ${issue?.message ?? 'invalid'}`);
  }
  return deepFreeze(parsed.data);
}

/** Reads a snapshot file; its read time is the file's modification time. */
export async function readSnapshotFile(file: string): Promise<Catalog> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new GatehouseError('GH1001', `Could not read ${file}: ${(error as Error).message}`, {
      hint: 'Check the path and that the file is readable.',
    });
  }
  const model = parseSnapshot(text, file);
  const mtime = (await stat(file)).mtime.toISOString();
  return deepFreeze({ ...model, readAt: mtime });
}
