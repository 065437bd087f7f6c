import { sameRef, type ObjectRef } from '../../../shared/model/catalog.js';

/**
 * Values by object reference, bucketed by the reference's name: the diff looks up both ends of every
 * dependency edge (tens of thousands), and a name is a string the model already holds, so a lookup builds no
 * key (refKey strings made per edge were most of what the diff allocated).
 */
export class RefIndex<T> {
  private readonly byName = new Map<string, { ref: ObjectRef; value: T }[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(ref: ObjectRef): T | undefined {
    const bucket = this.byName.get(ref.name);
    if (bucket === undefined) return undefined;
    for (const e of bucket) if (sameRef(e.ref, ref)) return e.value;
    return undefined;
  }

  set(ref: ObjectRef, value: T): this {
    const bucket = this.byName.get(ref.name);
    if (bucket === undefined) {
      this.byName.set(ref.name, [{ ref, value }]);
      this.count++;
      return this;
    }
    const e = bucket.find((x) => sameRef(x.ref, ref));
    if (e !== undefined) e.value = value;
    else {
      bucket.push({ ref, value });
      this.count++;
    }
    return this;
  }
}
