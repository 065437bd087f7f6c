#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ and bundled into dist/cli-bundle/ by `npm run build`.
import('../dist/cli-bundle/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
    console.error('gatehouse: dist/ is missing. Run `npm run build` first.');
    process.exit(2);
  }
  throw error;
});
