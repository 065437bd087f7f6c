import pg from 'pg';
import type { Catalog } from '../../../shared/model/catalog.js';
import { readCatalog } from '../../catalog/read-catalog.js';
import { readTrimmedPair, type TrimExchange } from '../../catalog/trim.js';
import { toScript, type Statement } from '../statement.js';

/** Test helpers for the DDL writer's PostgreSQL tests (never imported by production code). */

const utf8 = new TextEncoder();

/** `name` with `_suffix`, cut (on a character boundary) so the whole stays within 63 bytes. */
export function suffixed(name: string, suffix: string): string {
  let head = name;
  while (utf8.encode(`${head}_${suffix}`).length > 63) head = [...head].slice(0, -1).join('');
  return `${head}_${suffix}`;
}

/** Runs statements one by one (so an error names its statement) on a new connection. */
export async function runStatements(uri: string, statements: readonly Statement[]): Promise<void> {
  const client = new pg.Client({ connectionString: uri });
  await client.connect();
  try {
    for (const s of statements) {
      try {
        await client.query(s.sql);
      } catch (error) {
        throw new Error(`${error instanceof Error ? error.message : String(error)}\n  in: ${s.sql}`, {
          cause: error,
        });
      }
    }
  } finally {
    await client.end();
  }
}

/** Runs a whole script (several statements) on a new connection. */
export async function runScript(uri: string, sql: string | readonly Statement[]): Promise<void> {
  const client = new pg.Client({ connectionString: uri });
  await client.connect();
  try {
    await client.query(typeof sql === 'string' ? sql : toScript(sql, { secrets: true }));
  } finally {
    await client.end();
  }
}

export async function readModel(uri: string): Promise<Catalog> {
  const client = new pg.Client({ connectionString: uri });
  await client.connect();
  try {
    return await readCatalog(client);
  } finally {
    await client.end();
  }
}

/** Two databases read as `gatehouse diff` reads them (readTrimmedPair: the tables equal on both sides left out). */
export async function readTrimmedModels(
  fromUri: string,
  toUri: string,
): Promise<{ from: Catalog; to: Catalog }> {
  const side =
    (uri: string) =>
    async (trim: TrimExchange): Promise<Catalog> => {
      const client = new pg.Client({ connectionString: uri });
      await client.connect();
      try {
        return await readCatalog(client, { trim });
      } finally {
        await client.end();
      }
    };
  const { from, to } = await readTrimmedPair(side(fromUri), side(toUri));
  return { from, to };
}
