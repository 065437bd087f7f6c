import type { StudioContext } from '../app/context.js';
import type { OpenResult } from '../connections/manager.js';
import type { EmbeddedDefault } from './default.js';
import { seedDemoPersonas } from '../act-as/console/demo-personas.js';
import { DEMO_NAMES } from './demo-seed.js';

export const DEMO_CONNECTION_ID = 'embedded-demo';
export const DEMO_CONNECTION_NAME = 'Demo database (developer@gatehouse_demo)';

/**
 * Lists the embedded demo among the saved connections (its password goes to the host's SecretStore, as
 * for any saved connection; the port is refreshed on every start) and opens it as the default connection.
 */
export async function openEmbeddedDemo(
  context: StudioContext,
  embedded: EmbeddedDefault,
): Promise<OpenResult> {
  await context.savedConnections.save({
    id: DEMO_CONNECTION_ID,
    name: DEMO_CONNECTION_NAME,
    params: embedded.developer,
  });
  const opened = await context.connections.open(embedded.developer, {
    id: DEMO_CONNECTION_ID,
    name: DEMO_CONNECTION_NAME,
  });
  context.connections.defaultId = DEMO_CONNECTION_ID;
  await context.actAsConfigs.adoptFile(DEMO_CONNECTION_ID, embedded.postgrestConfFile);
  // First run: the demo's customers as personas (alice, bob, an admin, a cookie session); anonymous is built in.
  await seedDemoPersonas(context, DEMO_CONNECTION_ID, DEMO_NAMES);
  return opened;
}
