import type { ObjectRef, Principal } from './catalog.js';

// What is done with references, apart from their schemas (catalog.ts re-exports it): the CLI names objects in
// its messages without loading zod.

/** A Map key for a reference: NUL cannot occur in PostgreSQL identifiers, so the key is unambiguous. */
export function refKey(ref: ObjectRef): string {
  return `${ref.kind}\0${ref.schema ?? ''}\0${ref.name}\0${ref.member ?? ''}\0${ref.args ?? ''}`;
}

/** Whether two references name the same object (refKey equality, without building either key). */
export function sameRef(a: ObjectRef, b: ObjectRef): boolean {
  return (
    a === b ||
    (a.name === b.name &&
      a.kind === b.kind &&
      (a.schema ?? '') === (b.schema ?? '') &&
      (a.member ?? '') === (b.member ?? '') &&
      (a.args ?? '') === (b.args ?? ''))
  );
}

/** Whether a reference names an event trigger (a trigger in no schema, of no relation). */
export function isEventTriggerRef(ref: ObjectRef): boolean {
  return ref.kind === 'trigger' && ref.schema === null && ref.member === undefined;
}

/** `"schema"."name"`-free readable form for messages: schema.name[(args)][.member]. */
export function refLabel(ref: ObjectRef): string {
  const base = ref.schema === null ? ref.name : `${ref.schema}.${ref.name}`;
  return `${base}${ref.args !== undefined ? `(${ref.args})` : ''}${ref.member !== undefined ? `.${ref.member}` : ''}`;
}

export function principalLabel(p: Principal): string {
  return p.kind === 'public' ? 'PUBLIC' : p.name;
}
