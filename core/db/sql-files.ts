import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (where package.json and sql/ live), found from this file in source or in dist/. */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'sql'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Gatehouse: could not locate the sql/ folder next to package.json.');
    dir = parent;
  }
}

const root = findPackageRoot();
const cache = new Map<string, string>();

/** Reads `sql/<path>` once and caches it: SQL lives in .sql files, never in string literals. */
export function sqlFile(path: string): string {
  let text = cache.get(path);
  if (text === undefined) {
    text = readFileSync(resolve(root, 'sql', path), 'utf8');
    cache.set(path, text);
  }
  return text;
}

export function packageRoot(): string {
  return root;
}
