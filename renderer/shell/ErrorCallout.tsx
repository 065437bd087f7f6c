import type { GatehouseErrorShape } from '../../shared/errors.js';
import { errorCodes } from '../../shared/errors.js';

/** An error as the user should see it: what happened, the code to search for, and what to do. */
export function ErrorCallout({ error, title }: { error: GatehouseErrorShape; title?: string }) {
  return (
    <div className="callout error" role="alert">
      <div>
        <div className="title">
          {title ?? errorCodes[error.code]} <span className="code">{error.code}</span>
        </div>
        <div>{error.message}</div>
        {error.details && <div className="details">{error.details}</div>}
        {error.hint && <div className="hint">{error.hint}</div>}
      </div>
    </div>
  );
}
