import type { DiffOptions, Migration } from '../../../shared/diff/migration.js';
import type { Catalog } from '../../../shared/model/catalog.js';

/**
 * The diff engine as sources, verification and export use it: the one signature of core/diff/engine's
 * diffModels. Functions here take it as a parameter; the CLI and app handlers pass the real one
 * (`loadDiffEngine`), so this file is the only place that knows where the engine lives.
 */
export type DiffModels = (from: Catalog, to: Catalog, options?: DiffOptions) => Migration;

export async function loadDiffEngine(): Promise<DiffModels> {
  // Until the engine branch is merged the module may be absent: a computed specifier keeps the build green.
  const specifier: string = '../engine/diff-models.js';
  const engine = (await import(specifier)) as { diffModels: DiffModels };
  return engine.diffModels;
}
