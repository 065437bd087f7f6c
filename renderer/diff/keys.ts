/** React Query keys for comparisons: one per comparison id (its progress, until it is done). */
export const diffKeys = {
  all: ['diff'] as const,
  progress: (comparisonId: string) => [...diffKeys.all, 'progress', comparisonId] as const,
};
