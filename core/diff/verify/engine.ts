import type { DiffOptions, Migration } from '../../../shared/diff/migration.js';
import type { Catalog } from '../../../shared/model/catalog.js';

/**
 * The diff engine as sources, verification and export use it: the one signature of core/diff/engine's
 * diffModels. Functions here take it as a parameter (the CLI and the studio's services pass diffModels), so
 * verification does not import the engine it checks.
 */
export type DiffModels = (from: Catalog, to: Catalog, options?: DiffOptions) => Migration;
