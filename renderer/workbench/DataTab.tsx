import type { Catalog, Relation } from '../../shared/model/catalog.js';
import { useConnectionStatusQuery } from '../connections/queries.js';
import { parseRoute } from '../shell/route.js';
import { DataView } from './DataView.js';
import './workbench.css';

/** The connection the explorer shows: the one in the URL, else the studio's default (as the shell picks it). */
function useCurrentConnectionId(): string | null {
  const status = useConnectionStatusQuery();
  const open = (status.data?.connections ?? []).filter((c) => c.state !== 'closed');
  const fromUrl = parseRoute(location.hash).connectionId;
  return (
    open.find((c) => c.id === fromUrl)?.id ??
    (fromUrl === null ? (open.find((c) => c.id === status.data?.defaultId)?.id ?? null) : null)
  );
}

/** The object detail's Data tab: the relation's rows as the developer sees them. */
export default function DataTab({ relation, catalog }: { relation: Relation; catalog: Catalog }) {
  const connectionId = useCurrentConnectionId();
  if (connectionId === null) return <div className="wb-muted wb-pad">Open a connection to see the rows.</div>;
  return (
    <DataView
      key={`${connectionId}/${relation.schema}.${relation.name}`}
      connectionId={connectionId}
      relation={{ schema: relation.schema, name: relation.name }}
      catalog={catalog}
    />
  );
}
