// Bundles the preload into one CommonJS file: sandboxed preloads cannot load ESM or our other modules.
import { build } from 'esbuild';

export const preloadBuildOptions = {
  entryPoints: ['electron/preload.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  logLevel: 'warning',
};

if (import.meta.url === `file://${process.argv[1]}`) {
  await build({ ...preloadBuildOptions, outfile: 'dist/electron/preload.cjs' });
}
