// jsdom ships no types and @types/jsdom is not installed: the little the render bench uses.
declare module 'jsdom' {
  export class JSDOM {
    constructor(html: string, options?: { pretendToBeVisual?: boolean });
    readonly window: Record<string, unknown> & {
      close(): void;
      HTMLElement: { prototype: object };
    };
  }
}
