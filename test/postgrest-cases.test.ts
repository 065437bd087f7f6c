import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseCases } from '../core/act-as/conformance/cases.js';
import { repositoryConformanceDir, resolveConformanceDir } from './conformance-dir.js';

/** The corpus as it is kept outside the repository (CI lays it beside the clone). */
const sharedDir = fileURLToPath(new URL('../../shared/postgrest-cases', import.meta.url));
const sharedPresent = existsSync(resolve(sharedDir, 'cases.json'));

const read = (dir: string, name: string) => readFileSync(resolve(dir, name), 'utf8');
const casesById = (dir: string) =>
  new Map((JSON.parse(read(dir, 'cases.json')) as { id: string }[]).map((c) => [c.id, c]));

describe('the conformance corpus in test/postgrest-cases', () => {
  it('is a valid cases file with unique ids, its fixture and its postgrest.conf', () => {
    const cases = parseCases(read(repositoryConformanceDir, 'cases.json'), 'cases.json');
    expect(cases.length).toBeGreaterThanOrEqual(152);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(read(repositoryConformanceDir, 'fixture.sql')).toContain('CREATE SCHEMA api');
    expect(read(repositoryConformanceDir, 'postgrest.conf')).toContain('db-anon-role');
  });

  it('is what GATEHOUSE_CONFORMANCE_DIR falls back to, and a wrong override is named', () => {
    expect(resolveConformanceDir(undefined)).toBe(repositoryConformanceDir);
    expect(resolveConformanceDir(sharedPresent ? sharedDir : repositoryConformanceDir)).toMatch(
      /postgrest-cases$/,
    );
    expect(() => resolveConformanceDir('/nonexistent/corpus')).toThrow(
      /GATEHOUSE_CONFORMANCE_DIR=\/nonexistent\/corpus: no cases\.json/,
    );
  });

  // Two copies must not drift apart silently: every case of ../shared/postgrest-cases, unchanged, is in the repository.
  // (Only where ../shared exists, as in CI: a user's clone has nothing to compare with.)
  if (sharedPresent)
    it('holds every case of ../shared/postgrest-cases, with the same fixture and config', () => {
      const ours = casesById(repositoryConformanceDir);
      const missing: string[] = [];
      const changed: string[] = [];
      for (const [id, theirs] of casesById(sharedDir)) {
        const mine = ours.get(id);
        if (mine === undefined) missing.push(id);
        else if (!isDeepStrictEqual(mine, theirs)) changed.push(id);
      }
      const hint = 'copy ../shared/postgrest-cases into test/postgrest-cases';
      expect(missing, `cases missing from the repository (${hint})`).toEqual([]);
      expect(changed, `cases that differ from ../shared/postgrest-cases (${hint})`).toEqual([]);
      expect(read(repositoryConformanceDir, 'fixture.sql'), `fixture.sql differs (${hint})`).toBe(
        read(sharedDir, 'fixture.sql'),
      );
      expect(read(repositoryConformanceDir, 'postgrest.conf'), `postgrest.conf differs (${hint})`).toBe(
        read(sharedDir, 'postgrest.conf'),
      );
    });
});
