import type { NavKind } from './navigator-model.js';

const letters: Record<NavKind | 'schema', string> = {
  table: 'T',
  view: 'V',
  function: 'ƒ',
  sequence: 'S',
  type: 'Ty',
  schema: 'S',
};

export function KindIcon({ kind }: { kind: NavKind | 'schema' }) {
  return (
    <span className={`kind-icon kind-${kind}`} aria-hidden>
      {letters[kind]}
    </span>
  );
}
