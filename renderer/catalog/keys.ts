/** React Query keys for the catalog, one entry per connection. */
export const catalogKeys = {
  all: ['catalog'] as const,
  read: (connectionId: string) => [...catalogKeys.all, 'read', connectionId] as const,
};
