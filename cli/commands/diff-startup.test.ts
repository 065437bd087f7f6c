import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `gatehouse diff` of two live databases sends its first catalog queries before it loads zod, the model's
// schemas and the catalog's assembly (some 100 ms of module loading, done while the servers compute): the
// modules it loads statically up to then must not import them. This follows the static imports of the sources
// (`import type` is erased; an import of types only, without `type` on the statement, is not).

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The modules `entry` loads before any dynamic import runs: file → the module that imported it first. */
function staticClosure(entry: string): {
  modules: Map<string, string | null>;
  packages: Map<string, string>;
} {
  const modules = new Map<string, string | null>([[entry, null]]);
  const packages = new Map<string, string>();
  const queue = [entry];
  const statement = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(statement)) {
      if (m[2] !== undefined) continue;
      const spec = m[3]!;
      if (!spec.startsWith('.')) {
        if (!packages.has(spec)) packages.set(spec, file);
        continue;
      }
      const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      if (!existsSync(target) || modules.has(target)) continue;
      modules.set(target, file);
      queue.push(target);
    }
  }
  return { modules, packages };
}

function chain(modules: Map<string, string | null>, from: string): string {
  const out: string[] = [];
  for (let f: string | null | undefined = from; f; f = modules.get(f)) out.push(relative(root, f));
  return out.join(' ← ');
}

describe('the diff command before its first queries', () => {
  for (const entry of ['cli/main.ts', 'cli/commands/diff.ts']) {
    it(`${entry} loads neither zod nor the model's schemas statically`, () => {
      const { modules, packages } = staticClosure(resolve(root, entry));
      const zod = packages.get('zod');
      expect(zod === undefined ? null : chain(modules, zod)).toBeNull();
      const heavy = [...modules.keys()].filter((f) =>
        /shared\/model\/catalog\.ts$|core\/catalog\/(rows|assemble-catalog)\.ts$/.test(f),
      );
      expect(heavy.map((f) => chain(modules, f))).toEqual([]);
      // The connection and the read's start are among them (the guard guards something).
      if (entry.endsWith('diff.ts'))
        expect([...modules.keys()].map((f) => relative(root, f))).toContain('core/catalog/read-catalog.ts');
    });
  }
});
