// The migration diff's public surface. Engine: two models in, one Migration out (pure, deterministic).
export { diffModels } from './engine/diff-models.js';
export { renameCandidates } from './engine/renames.js';
export { downMigration, reverseOptions } from './engine/down.js';
