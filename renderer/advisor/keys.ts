/** React Query keys for the advisor, per connection and catalog read (a new model re-runs it). */
export const advisorKeys = {
  all: ['advisor'] as const,
  of: (connectionId: string) => [...advisorKeys.all, connectionId] as const,
  run: (connectionId: string, modelAt: number, ackFile: string | null) =>
    [...advisorKeys.of(connectionId), modelAt, ackFile] as const,
  /** One opened finding of the run that `ms` identifies (a re-run invalidates it with the rest). */
  finding: (connectionId: string, key: string, run: number) =>
    [...advisorKeys.of(connectionId), 'finding', key, run] as const,
  /** One role's reach in the run `run` identifies, when the report sent totals only. */
  reach: (connectionId: string, role: string, run: number) =>
    [...advisorKeys.of(connectionId), 'reach', role, run] as const,
};
