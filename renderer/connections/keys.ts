/** React Query keys for connections; everything that changes a connection invalidates `all`. */
export const connectionKeys = {
  all: ['connections'] as const,
  list: () => [...connectionKeys.all, 'list'] as const,
  status: () => [...connectionKeys.all, 'status'] as const,
};
