import { z } from 'zod';
import { SSL_MODES, type SslMode } from './ssl-modes.js';

/** libpq's sslmode values, in increasing order of strictness. */
export const sslModeSchema = z.enum(SSL_MODES);
export type { SslMode };

/**
 * What a user gives to connect: a URI (or key=value conninfo) and/or form fields. Fields win over the URI;
 * anything left unset is filled the libpq way (service file, PG* variables, ~/.pgpass, defaults).
 */
export const connectionParamsSchema = z.object({
  uri: z.string().max(4096).optional(),
  host: z.string().max(1024).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  user: z.string().max(256).optional(),
  database: z.string().max(256).optional(),
  password: z.string().max(1024).optional(),
  sslmode: sslModeSchema.optional(),
  sslrootcert: z.string().max(4096).optional(),
  sslcert: z.string().max(4096).optional(),
  sslkey: z.string().max(4096).optional(),
  service: z.string().max(256).optional(),
  applicationName: z.string().max(64).optional(),
});
export type ConnectionParams = z.infer<typeof connectionParamsSchema>;

/** A saved connection as listed to the renderer: never a password, only whether one is kept in the secret store. */
export const savedConnectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  params: connectionParamsSchema.omit({ password: true, uri: true }),
  hasPassword: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedConnection = z.infer<typeof savedConnectionSchema>;

/** Who the studio is connected as, read right after connecting. */
export const whoamiSchema = z.object({
  currentUser: z.string(),
  sessionUser: z.string(),
  superuser: z.boolean(),
  bypassRls: z.boolean(),
  createRole: z.boolean(),
  memberOf: z.array(z.string()),
  ownedSchemas: z.number().int(),
  ownedRelations: z.number().int(),
  database: z.string(),
  serverVersion: z.string(),
  serverVersionNum: z.number().int(),
  host: z.string(),
  port: z.number().int(),
  ssl: z.boolean(),
});
export type Whoami = z.infer<typeof whoamiSchema>;

export const connectionStateSchema = z.enum(['connected', 'lost', 'reconnecting', 'closed']);
export type ConnectionState = z.infer<typeof connectionStateSchema>;

export const connectionStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: connectionStateSchema,
  /** The last connection failure, as a plain sentence, when state is lost. */
  lastError: z.string().nullable(),
  whoami: whoamiSchema,
  warnings: z.array(z.string()),
});
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;
