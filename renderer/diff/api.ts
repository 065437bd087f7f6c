import type { CallInput, CallOutput } from '../../shared/contract/index.js';
import type { Client } from '../client/index.js';

export type CompareInput = CallInput<'diff.compare'>;
export type ProgressView = CallOutput<'diff.progress'>;
export type ComparisonView = CallOutput<'diff.plan'>;
export type ExportInput = Omit<CallInput<'diff.export'>, 'comparisonId' | 'options'>;
export type ExportView = CallOutput<'diff.export'>;

/** Plain fetchers, usable without React. */
export const diffApi = {
  compare: (client: Client, input: CompareInput) => client.call('diff.compare', input),
  progress: (client: Client, comparisonId: string) => client.call('diff.progress', { comparisonId }),
  plan: (client: Client, comparisonId: string, options: CallInput<'diff.plan'>['options']) =>
    client.call('diff.plan', { comparisonId, options }),
  export: (client: Client, input: CallInput<'diff.export'>) => client.call('diff.export', input),
  apply: (client: Client, comparisonId: string, options: CallInput<'diff.apply'>['options']) =>
    client.call('diff.apply', { comparisonId, options }),
  close: (client: Client, comparisonId: string) => client.call('diff.close', { comparisonId }),
};
