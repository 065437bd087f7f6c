import { GatehouseError } from '../../shared/errors.js';
import type { Catalog } from '../../shared/model/catalog.js';
import { readCatalog } from '../../core/catalog/read-catalog.js';
import { connectClient } from '../../core/connections/connect.js';
import { systemEnvironment } from '../../core/connections/environment.js';
import { resolveConnection } from '../../core/connections/resolve.js';
import type { CommandIO } from '../command.js';

/** Connects as psql would (PG* variables, service file, ~/.pgpass) and reads the catalog model once. */
export async function readModel(db: string, io: CommandIO): Promise<Catalog> {
  const environment = systemEnvironment(io.env);
  const { client } = await connectClient(resolveConnection({ uri: db }, environment), environment);
  client.on('error', () => undefined);
  try {
    return await readCatalog(client);
  } catch (error) {
    if (error instanceof GatehouseError) throw error;
    throw new GatehouseError('GH202', `Reading the catalog failed: ${(error as Error).message}`, {
      hint: 'Please report this with the server version.',
      cause: error,
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}
