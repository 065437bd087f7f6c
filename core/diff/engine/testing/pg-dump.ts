import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pgBinDir, type PgMajor } from '../../../../test/pg-binaries.js';

const run = promisify(execFile);

/**
 * pg_dump of the server's own major (the judge needs one: an older pg_dump refuses a newer server and a newer
 * one prints differently): the npm package's bin folder first, then the operating system's per-major folder.
 * Null when neither has one. Test support only.
 */
export async function pgDumpFor(major: number): Promise<string | null> {
  const places: string[] = [];
  try {
    places.push(join(await pgBinDir(major as PgMajor), 'pg_dump'));
  } catch {
    // no package for this major
  }
  places.push(`/usr/lib/postgresql/${major}/bin/pg_dump`);
  return places.find((p) => existsSync(p)) ?? null;
}

export async function schemaDump(pgDump: string, uri: string): Promise<string> {
  const { stdout } = await run(pgDump, ['--schema-only', '--no-password', '-d', uri], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}
