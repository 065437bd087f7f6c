import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const rendererDir = join(repoRoot, 'dist/renderer');

/** The stories drive the built renderer; build it once when dist/renderer is missing. */
export function ensureRendererBuilt(): void {
  if (existsSync(join(rendererDir, 'index.html'))) return;
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
}
