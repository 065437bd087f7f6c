import type { Whoami } from '../../shared/model/connection.js';
import { Badge } from '../shell/Badge.js';

/** Warnings a PostgREST developer must not miss: as superuser or BYPASSRLS, RLS does not apply to what you see. */
export function WhoamiBadges({ whoami }: { whoami: Pick<Whoami, 'superuser' | 'bypassRls'> }) {
  return (
    <>
      {whoami.superuser && (
        <Badge
          tone="danger"
          title="Superusers bypass row level security and every grant: what you see is not what API roles see."
        >
          ⚠ superuser
        </Badge>
      )}
      {!whoami.superuser && whoami.bypassRls && (
        <Badge tone="warn" title="This role has BYPASSRLS: row level security policies do not apply to it.">
          ⚠ BYPASSRLS
        </Badge>
      )}
    </>
  );
}
