import type { ObjectRef } from '../../../shared/model/catalog.js';
import { asErrorShape } from '../../client/index.js';
import { Loading } from '../../shell/EmptyState.js';
import { ErrorCallout } from '../../shell/ErrorCallout.js';
import { SqlBlock } from '../../shell/SqlBlock.js';
import { useDdlQuery } from '../queries.js';

/** The object's CREATE script, written by the host's DDL writer (core/ddl) from a fresh catalog read. */
export function DdlTab({ connectionId, object }: { connectionId: string; object: ObjectRef }) {
  const ddl = useDdlQuery(connectionId, object);
  if (ddl.isPending) return <Loading label="Writing the DDL…" />;
  if (ddl.error) return <ErrorCallout error={asErrorShape(ddl.error)} title="The DDL could not be written" />;
  return <SqlBlock label="DDL" value={ddl.data.sql} />;
}
