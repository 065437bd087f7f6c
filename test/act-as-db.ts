import type { ActAsTestSchema } from '../core/act-as/test-schema.js';
import { createTempDatabase, superuserQuery, type TempDatabase, type TestServer } from './pg.js';

/**
 * The act-as test schema installed in a fresh database: its (cluster-wide, suffixed) roles, the database and its
 * objects. `drop()` removes the database and then the roles.
 */
export async function createActAsTestDatabase(server: TestServer, s: ActAsTestSchema): Promise<TempDatabase> {
  await superuserQuery(server, s.rolesSql);
  const db = await createTempDatabase(server);
  await superuserQuery(server, s.schemaSql, db.name);
  return {
    ...db,
    drop: async () => {
      await db.drop();
      await superuserQuery(server, s.dropRolesSql);
    },
  };
}
