import type { ChangeOrigin } from '../../shared/contract/changeset.js';

/** Where a statement came from: the panel, the object, what the user did. */
export function OriginLine({ origin }: { origin: ChangeOrigin }) {
  return (
    <span className="cs-origin">
      <span className="cs-panel">{origin.panel}</span>
      {origin.object && <span className="cs-object">{origin.object}</span>}
      <span className="cs-action">{origin.action}</span>
    </span>
  );
}
