import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { JSDOM } from 'jsdom';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** What the bundled renderer entry exports (see ENTRY). */
export interface RenderHarness {
  /** Renders the workbench's result sets for `rows` rows × `cols` columns; resolves once the grid has painted. */
  renderResult(rows: number, cols: number): Promise<{ ms: number; cpu: number }>;
  /**
   * A mounted grid of `rows` rows scrolled one screen at a time: wall time and CPU time of each re-render (on a
   * shared machine the wall time also measures the neighbours).
   */
  scrollGrid(rows: number, steps: number): Promise<{ times: number[]; cpu: number[] }>;
}

/**
 * The renderer is built for the browser (JSX, CSS imports): esbuild bundles the workbench's Results component
 * with React for jsdom, the way the console bench runs renderer code without a browser.
 */
const ENTRY = `
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { Results } from ${JSON.stringify(join(root, 'renderer/workbench/Results.tsx'))};

const statement = (rows, cols) => ({
  offset: 0, length: 10, sql: 'select * from big', command: 'SELECT', rowCount: rows,
  columns: Array.from({ length: cols }, (_, c) => ({ name: 'column_' + c, type: c % 2 ? 'text' : 'integer' })),
  rows: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => c % 2 ? 'value ' + r + '/' + c : String(r * cols + c))),
  truncated: false, ms: 1, notices: [], error: null, plan: null,
});

export async function renderResult(rows, cols) {
  const statements = [statement(rows, cols)];
  const host = document.createElement('div');
  document.body.appendChild(host);
  const app = createRoot(host);
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  let painted;
  const done = new Promise((r) => (painted = r));
  flushSync(() => app.render(createElement(Results, { statements, catalog: null, onRendered: () => painted() })));
  await done;
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu0);
  if (host.querySelectorAll('[role=row]').length < 10) throw new Error('the grid rendered no rows');
  app.unmount();
  host.remove();
  return { ms, cpu: (used.user + used.system) / 1000 };
}

export async function scrollGrid(rows, steps) {
  const statements = [statement(rows, 6)];
  const host = document.createElement('div');
  document.body.appendChild(host);
  const app = createRoot(host);
  flushSync(() => app.render(createElement(Results, { statements, catalog: null })));
  await new Promise((r) => setTimeout(r, 0));
  const grid = host.querySelector('[role=grid]');
  const times = [];
  const cpu = [];
  for (let i = 1; i <= steps; i++) {
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    grid.scrollTop = i * 420;
    // the virtualiser re-renders synchronously inside its scroll handler (flushSync)
    flushSync(() => grid.dispatchEvent(new window.Event('scroll')));
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpu0);
    cpu.push((used.user + used.system) / 1000);
    await new Promise((r) => setTimeout(r, 0));
  }
  const first = host.querySelector('[role=row][aria-rowindex]')?.getAttribute('aria-rowindex');
  if (Number(first) < 100) throw new Error('the grid did not scroll (first row ' + first + ')');
  app.unmount();
  host.remove();
  return { times, cpu };
}
`;

/** A jsdom window with a laid-out viewport (jsdom computes no layout: scroll containers get a size). */
function installDom(): () => void {
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  const w = dom.window;
  const keys = [
    'window',
    'document',
    'navigator',
    'HTMLElement',
    'Node',
    'Event',
    'ResizeObserver',
    'requestAnimationFrame',
    'cancelAnimationFrame',
    'getComputedStyle',
  ] as const;
  const g = globalThis as unknown as Record<string, unknown>;
  const before = Object.fromEntries(keys.map((k) => [k, g[k]]));
  for (const k of keys) if (k in w) g[k] = w[k];
  for (const [k, v] of Object.entries({
    clientHeight: 480,
    clientWidth: 1200,
    offsetHeight: 480,
    offsetWidth: 1200,
  }))
    Object.defineProperty(w.HTMLElement.prototype, k, { configurable: true, get: () => v });
  g.IS_REACT_ACT_ENVIRONMENT = false;
  return () => {
    for (const k of keys) g[k] = before[k];
    dom.window.close();
  };
}

export async function loadHarness(): Promise<{ harness: RenderHarness; dispose: () => void }> {
  const out = await build({
    stdin: { contents: ENTRY, resolveDir: root, loader: 'jsx', sourcefile: 'workbench-render-entry.jsx' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    jsx: 'automatic',
    loader: { '.css': 'empty' },
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'warning',
  });
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-render-'));
  const file = join(dir, 'render.mjs');
  writeFileSync(file, out.outputFiles[0]!.text);
  const restore = installDom();
  const harness = (await import(pathToFileURL(file).href)) as RenderHarness;
  return {
    harness,
    dispose: () => {
      restore();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
