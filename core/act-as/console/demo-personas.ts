import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SavedPersona } from '../../../shared/contract/act-as-console.js';
import type { StudioContext } from '../../app/context.js';
import { personaStore, targetKey } from './handlers.js';

/** The demo's request roles (core/embedded/demo-seed.ts DemoNames). */
export interface DemoPersonaRoles {
  readonly appUser: string;
  readonly appAdmin: string;
}

const claims = (o: Record<string, string>): string => JSON.stringify(o, null, 2);

/**
 * The personas of the demo's customers: alice and bob (app_user), an admin, and alice by cookie session (the
 * db-pre-request app.check_session). "anonymous" is always there.
 */
export function demoPersonas(roles: DemoPersonaRoles): SavedPersona[] {
  return [
    {
      id: 'demo-alice',
      name: 'alice',
      kind: 'claims',
      claims: claims({ role: roles.appUser, sub: 'alice' }),
      token: '',
    },
    {
      id: 'demo-bob',
      name: 'bob',
      kind: 'claims',
      claims: claims({ role: roles.appUser, sub: 'bob' }),
      token: '',
    },
    {
      id: 'demo-admin',
      name: 'admin',
      kind: 'claims',
      claims: claims({ role: roles.appAdmin, sub: 'admin' }),
      token: '',
    },
    {
      id: 'demo-alice-cookie',
      name: 'alice (cookie session)',
      kind: 'anon',
      claims: '',
      token: '',
      headers: [['Cookie', 'session=alice-session']],
    },
  ];
}

/**
 * Saves the demo personas the first time the demo is opened from this data dir (a marker file remembers it, so
 * personas the developer deleted do not come back). Returns whether it seeded them.
 */
export async function seedDemoPersonas(
  context: StudioContext,
  connectionId: string,
  roles: DemoPersonaRoles,
): Promise<boolean> {
  const marker = join(dirname(context.savedConnections.file), 'act-as-demo-personas.seeded');
  if (existsSync(marker)) return false;
  const store = personaStore(context);
  const target = targetKey(context, connectionId);
  if ((await store.list(target)).length === 0) await store.save(target, demoPersonas(roles));
  await mkdir(dirname(marker), { recursive: true });
  await writeFile(marker, `${new Date().toISOString()}\n`);
  return true;
}
