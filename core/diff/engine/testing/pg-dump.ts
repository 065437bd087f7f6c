import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pgBinDir, type PgMajor } from '../../../../test/pg-binaries.js';

const run = promisify(execFile);

/**
 * A pg_dump for a server of `major`: its own major's (the npm packages ship none, the operating system may), else
 * a newer one — pg_dump reads older servers, and both sides of a comparison are dumped by the same binary. An
 * older pg_dump refuses a newer server. Null when there is none. Test support only.
 */
export async function pgDumpFor(major: number): Promise<string | null> {
  const places: string[] = [];
  try {
    places.push(join(await pgBinDir(major as PgMajor), 'pg_dump'));
  } catch {
    // no package for this major
  }
  for (let m = major; m <= 18; m++) places.push(`/usr/lib/postgresql/${m}/bin/pg_dump`);
  return places.find((p) => existsSync(p)) ?? null;
}

export async function schemaDump(pgDump: string, uri: string): Promise<string> {
  const { stdout } = await run(pgDump, ['--schema-only', '--no-password', '-d', uri], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}
