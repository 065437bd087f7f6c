import { GatehouseError } from '../../shared/errors.js';
import type { AdvisorReport } from '../../shared/contract/advisor.js';
import { readCatalog } from '../../core/catalog/read-catalog.js';
import { connectClient } from '../../core/connections/connect.js';
import { systemEnvironment } from '../../core/connections/environment.js';
import { resolveConnection } from '../../core/connections/resolve.js';
import { advise, defaultAckFile, loadAcks, loadAdvisorConfig } from '../../core/advisor/index.js';
import type { CommandIO } from '../command.js';

/** What `advise` and `reach` share: connect, read the catalog, load postgrest.conf and the acknowledgements, run. */
export async function runAdvisor(
  options: { db: string; config: string | undefined; ack: string | undefined },
  io: CommandIO,
): Promise<AdvisorReport> {
  const config = loadAdvisorConfig({ file: options.config ?? null, env: io.env });
  const ackFile = options.ack ?? defaultAckFile(options.config ?? null);
  // A bad acknowledgements file is refused before connecting: it is the quicker mistake to fix.
  const acks = ackFile === null ? [] : loadAcks(ackFile);
  const environment = systemEnvironment(io.env);
  const { client } = await connectClient(resolveConnection({ uri: options.db }, environment), environment);
  client.on('error', () => undefined);
  try {
    const catalog = await readCatalog(client);
    return advise({ catalog, config, acks, ackFile });
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
