/** What every handler may use: the host's mode and the long-lived services it owns. */
export interface StudioContext {
  readonly mode: 'browser' | 'desktop' | 'cli';
  readonly version: string;
}
