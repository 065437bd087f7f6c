import type { Catalog, ObjectRef } from '../../shared/model/catalog.js';
import { useRoleConfig } from '../roles/config.js';
import '../roles/roles.css';
import './grants.css';
import { GrantsMatrix } from './GrantsMatrix.js';
import { PlanNotice, usePlanQueue } from '../roles/PlanNotice.js';

/** The explorer's Grants tab: the grants matrix of the Grants panel, narrowed to one object and its columns. */
export function ObjectGrants({
  connectionId,
  catalog,
  object,
}: {
  connectionId: string;
  catalog: Catalog;
  object: ObjectRef;
}) {
  const config = useRoleConfig(connectionId);
  const plan = usePlanQueue(connectionId, 'grants');
  return (
    <div className="object-grants" data-testid="object-grants">
      <PlanNotice queue={plan} />
      <GrantsMatrix catalog={catalog} config={config} onQueue={plan.queue} busy={plan.busy} scope={object} />
    </div>
  );
}
