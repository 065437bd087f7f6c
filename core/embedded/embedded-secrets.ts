import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { GatehouseError } from '../../shared/errors.js';

/** Generated once per install, kept 0600 beside the cluster, never printed or logged. */
const secretsSchema = z.object({
  superuserPassword: z.string().min(16),
  developerPassword: z.string().min(16),
  authenticatorPassword: z.string().min(16),
  jwtSecret: z.string().min(32),
  /** The port used last time, tried first so postgrest.conf and saved URIs keep working. */
  port: z.number().int().optional(),
});
export type EmbeddedSecrets = z.infer<typeof secretsSchema>;

const secret = (bytes: number) => randomBytes(bytes).toString('base64url');

export function generateSecrets(): EmbeddedSecrets {
  return {
    superuserPassword: secret(24),
    developerPassword: secret(24),
    authenticatorPassword: secret(24),
    jwtSecret: secret(48),
  };
}

/** Reads the secrets file, or creates it (0600) when `allowCreate` (a fresh cluster). */
export async function loadSecrets(file: string, allowCreate: boolean): Promise<EmbeddedSecrets> {
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    const parsed = secretsSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  }
  if (!allowCreate) {
    throw new GatehouseError('GH400', `The embedded cluster's secrets file ${file} is missing or damaged.`, {
      hint: `Without it the cluster's superuser password is unknown. Delete the folder ${dirname(file)} to start the demo afresh.`,
    });
  }
  const fresh = generateSecrets();
  await saveSecrets(file, fresh);
  return fresh;
}

export async function saveSecrets(file: string, secrets: EmbeddedSecrets): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  await chmod(file, 0o600);
}
