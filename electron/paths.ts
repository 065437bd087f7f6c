import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/electron at run time (main.js and preload.cjs live here; the renderer is dist/renderer). */
const here = dirname(fileURLToPath(import.meta.url));

export const preloadPath = join(here, 'preload.cjs');
export const rendererIndexPath = join(here, '..', 'renderer', 'index.html');
