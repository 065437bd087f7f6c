import type {
  DiffProgress,
  DiffSide,
  ExportFormat,
  SideSummary,
  Verification,
} from '../../shared/contract/diff.js';
import type { DiffOptions, Migration } from '../../shared/diff/migration.js';
import { GatehouseError } from '../../shared/errors.js';
import type { Catalog } from '../../shared/model/catalog.js';

/** A side read into a model, with what the header says of it. */
export interface LoadedSide {
  readonly side: DiffSide;
  readonly catalog: Catalog;
  readonly summary: SideSummary;
}

type Report = (p: Omit<DiffProgress, 'side'>) => void;

/**
 * What the studio's diff handlers use of the engine (core/diff/engine), the sources, verification and export
 * (core/diff/sources, verify, export): one seam, so the handlers read as the user's steps.
 */
export interface DiffServices {
  readSource(side: Exclude<DiffSide, { kind: 'connection' }>, report: Report): Promise<LoadedSide>;
  diff(from: Catalog, to: Catalog, options: DiffOptions): Migration;
  /** The migration as exported: hazards in comments, BEGIN/COMMIT around the transactional part. */
  script(migration: Migration): string;
  verify(input: {
    from: LoadedSide;
    to: LoadedSide;
    migration: Migration;
    options: DiffOptions;
  }): Promise<Verification>;
  exportTo(input: {
    migration: Migration;
    from: LoadedSide;
    to: LoadedSide;
    options: DiffOptions;
    format: ExportFormat;
    folder: string;
    name: string;
  }): Promise<string[]>;
}

const notYet = (what: string): never => {
  throw new GatehouseError('GH900', `${what} is not wired into the studio yet.`, {
    hint: 'This build of Gatehouse lacks the diff engine or its sources.',
  });
};

export const diffServices: DiffServices = {
  readSource: async () => notYet('Reading a snapshot, .sql file or folder'),
  diff: () => notYet('The diff engine'),
  script: () => notYet('The migration script'),
  verify: async () => notYet('Verification'),
  exportTo: async () => notYet('Export'),
};
