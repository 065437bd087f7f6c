import { z } from 'zod';
import {
  defaultPrivilegeObjectSchema,
  objectRefSchema,
  principalSchema,
  privilegeSchema,
} from '../model/catalog.js';
import { changeOriginSchema, changeSetSchema } from './changeset.js';
import { defineCall } from './define.js';

/**
 * Role, membership, grant and default-privilege edits as the roles and grants panels describe them. The host turns
 * them into DDL (core/ddl), checks them against the connection's model first (duplicate names, circular
 * memberships, revoking what is not held, privileges of another kind, dropping an owner, grants the developer may
 * not make) and queues them in the change set.
 */

const name = z.string().min(1).max(200);

export const roleAttributesSchema = z.object({
  superuser: z.boolean().optional(),
  inherit: z.boolean().optional(),
  createRole: z.boolean().optional(),
  createDb: z.boolean().optional(),
  canLogin: z.boolean().optional(),
  replication: z.boolean().optional(),
  bypassRls: z.boolean().optional(),
  connectionLimit: z.number().int().min(-1).optional(),
  /** ISO timestamp or `infinity`; null clears it. */
  validUntil: z.string().max(100).nullable().optional(),
});
export type RoleAttributesInput = z.infer<typeof roleAttributesSchema>;

/** `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` (RFC 5803), computed where the password was typed. */
export const scramVerifierSchema = z
  .string()
  .max(400)
  .regex(/^SCRAM-SHA-256\$\d+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/, {
    message: 'not a SCRAM-SHA-256 verifier',
  });

export const roleChangeSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('create-role'),
    name,
    attributes: roleAttributesSchema,
    /** A SCRAM verifier, never the password. */
    password: scramVerifierSchema.optional(),
    comment: z.string().max(10_000).optional(),
  }),
  z.object({ type: z.literal('alter-role'), name, attributes: roleAttributesSchema }),
  /** null: PASSWORD NULL (no password, no password login). */
  z.object({ type: z.literal('set-password'), name, password: scramVerifierSchema.nullable() }),
  z.object({ type: z.literal('rename-role'), name, newName: name }),
  z.object({
    type: z.literal('drop-role'),
    name,
    /** REASSIGN OWNED BY name TO this role first. */
    reassignTo: name.optional(),
    /** DROP OWNED BY name first: drops what it still owns here and revokes what it was granted here. */
    dropOwned: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('grant-membership'),
    role: name,
    member: name,
    admin: z.boolean().optional(),
    /** 16+. */
    inherit: z.boolean().optional(),
    /** 16+. */
    set: z.boolean().optional(),
  }),
  z.object({ type: z.literal('revoke-membership'), role: name, member: name }),
  z.object({
    type: z.literal('role-setting'),
    role: name,
    /** null: in every database. */
    database: name.nullable(),
    setting: z.string().min(1).max(200),
    /** null: RESET. */
    value: z.string().max(10_000).nullable(),
  }),
  z.object({
    type: z.enum(['grant', 'revoke']),
    object: objectRefSchema,
    privileges: z.array(privilegeSchema).min(1).max(20),
    grantee: principalSchema,
    /** Column-level, for relations. */
    column: z.string().min(1).max(200).optional(),
    /** grant: WITH GRANT OPTION; revoke: GRANT OPTION FOR only. */
    grantOption: z.boolean().optional(),
  }),
  /** Revoke everything PUBLIC holds on the schema and the objects in it. */
  z.object({ type: z.literal('revoke-public-in-schema'), schema: name }),
  z.object({
    type: z.enum(['default-grant', 'default-revoke']),
    forRole: name,
    /** null: in every schema. */
    inSchema: name.nullable(),
    objectType: defaultPrivilegeObjectSchema,
    privileges: z.array(privilegeSchema).min(1).max(20),
    grantee: principalSchema,
  }),
]);
export type RoleChange = z.infer<typeof roleChangeSchema>;
export type RoleChangeInput = z.input<typeof roleChangeSchema>;

export const changeProblemSchema = z.object({
  /** Index of the change in the request. */
  index: z.number().int(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  hint: z.string().nullable(),
});
export type ChangeProblem = z.infer<typeof changeProblemSchema>;

export const plannedStatementSchema = z.object({
  index: z.number().int(),
  /** Secrets (a password verifier) shown as '********'. */
  sql: z.string(),
  origin: changeOriginSchema,
});
export type PlannedStatement = z.infer<typeof plannedStatementSchema>;

export const rolesCalls = {
  'roles.plan': defineCall({
    summary:
      'Turn role, membership, grant and default-privilege edits into DDL, checked against the model; with `queue`, add them to the change set (nothing is queued when a change is refused).',
    input: z.object({
      connectionId: z.string().min(1).max(200),
      panel: z.string().min(1).max(100).default('roles'),
      changes: z.array(roleChangeSchema).min(1).max(5_000),
      queue: z.boolean().default(false),
    }),
    output: z.object({
      statements: z.array(plannedStatementSchema),
      problems: z.array(changeProblemSchema),
      /** The change set after queueing; null when nothing was queued. */
      changeSet: changeSetSchema.nullable(),
    }),
  }),
};
