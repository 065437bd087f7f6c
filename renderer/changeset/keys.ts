/** React Query keys for change sets, per connection; every mutation invalidates `changesetKeys.of(id)`. */
export const changesetKeys = {
  all: ['changeset'] as const,
  of: (connectionId: string) => [...changesetKeys.all, connectionId] as const,
  list: (connectionId: string) => [...changesetKeys.of(connectionId), 'list'] as const,
  preview: (connectionId: string) => [...changesetKeys.of(connectionId), 'preview'] as const,
  history: (connectionId: string) => [...changesetKeys.of(connectionId), 'history'] as const,
};
