import type { Catalog } from '../../shared/model/catalog.js';

/**
 * The catalog model of each connection, read once and shared by every reader (the catalog panel, act-as's
 * schema cache, claim discovery), until it is refreshed on demand, invalidated after DDL the studio applied,
 * or reloaded on `NOTIFY pgrst` (`gatehouse serve`). Concurrent `get`s share one read; a failed read is not
 * kept, so the next `get` tries again.
 */
export class ModelCache<K = string> {
  private readonly entries = new Map<K, { readonly read: Promise<Catalog>; readonly generation: number }>();
  private generation = 0;
  private readonly listeners = new Set<(key: K) => void>();

  constructor(private readonly read: (key: K) => Promise<Catalog>) {}

  /** The cached model, or a fresh read when there is none. */
  get(key: K): Promise<Catalog> {
    const entry = this.entries.get(key);
    return entry?.read ?? this.load(key);
  }

  /** Reads the model anew; until it is in, `get` waits for this read rather than serving the old model. */
  refresh(key: K): Promise<Catalog> {
    return this.load(key);
  }

  /** Forgets one connection's model (or every one): the next `get` reads again. */
  invalidate(key?: K): void {
    if (key === undefined) {
      const keys = [...this.entries.keys()];
      this.entries.clear();
      for (const k of keys) this.notify(k);
      return;
    }
    if (this.entries.delete(key)) this.notify(key);
  }

  /** Called with the key whenever a model is dropped or replaced (derived caches drop theirs). */
  onChange(listener: (key: K) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private load(key: K): Promise<Catalog> {
    const generation = ++this.generation;
    const read = this.read(key);
    const had = this.entries.has(key);
    this.entries.set(key, { read, generation });
    if (had) this.notify(key);
    read.catch(() => {
      // A failed read leaves nothing behind, unless a newer read has replaced it meanwhile.
      if (this.entries.get(key)?.generation === generation) this.entries.delete(key);
    });
    return read;
  }

  private notify(key: K): void {
    for (const l of this.listeners) l(key);
  }
}
