import { useMemo } from 'react';
import type { PostgrestRoleConfig } from '../../shared/model/postgrest-roles.js';
import { uriUser } from '../../shared/roles/postgrest-config.js';
import { useActAsConfig } from '../act-as/queries.js';

/** The role facts of the connection's PostgREST config (the one act-as uses): db-uri user, anon role, schemas. */
export function useRoleConfig(connectionId: string): PostgrestRoleConfig {
  const config = useActAsConfig(connectionId);
  const effective = config.data?.effective ?? null;
  return useMemo(() => {
    const schemas = effective?.['db-schemas'];
    const anon = effective?.['db-anon-role'];
    const uri = effective?.['db-uri'];
    return {
      authenticator: uriUser(typeof uri === 'string' ? uri : null),
      anonRole: typeof anon === 'string' && anon !== '' ? anon : null,
      schemas: Array.isArray(schemas)
        ? schemas.filter((s): s is string => typeof s === 'string')
        : typeof schemas === 'string'
          ? schemas.split(',').map((s) => s.trim())
          : ['public'],
    };
  }, [effective]);
}
