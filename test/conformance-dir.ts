import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's copy of the PostgREST conformance corpus (cases.json, fixture.sql, postgrest.conf). */
export const repositoryConformanceDir = fileURLToPath(new URL('./postgrest-cases', import.meta.url));

/**
 * The folder every test and benchmark reads the conformance corpus from: the repository's copy, or the folder
 * GATEHOUSE_CONFORMANCE_DIR names (to run against another copy of the corpus).
 */
export const conformanceDir = resolveConformanceDir(process.env.GATEHOUSE_CONFORMANCE_DIR);

/** A file of the corpus, e.g. `conformanceFile('fixture.sql')`. */
export function conformanceFile(name: 'cases.json' | 'fixture.sql' | 'postgrest.conf'): string {
  return resolve(conformanceDir, name);
}

export function resolveConformanceDir(override: string | undefined): string {
  if (override === undefined || override === '') return repositoryConformanceDir;
  const dir = resolve(override);
  if (!existsSync(resolve(dir, 'cases.json'))) {
    throw new Error(
      `GATEHOUSE_CONFORMANCE_DIR=${override}: no cases.json there; point it at a folder holding the corpus's cases.json, fixture.sql and postgrest.conf, or unset it to use test/postgrest-cases.`,
    );
  }
  return dir;
}
