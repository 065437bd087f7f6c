import { z } from 'zod';
import { errorCodes, type ErrorCode, type GatehouseErrorShape } from '../errors.js';

/**
 * GatehouseErrorShape as the transports check it. Apart from shared/errors.ts, which every command and host
 * loads before anything else (zod is some 60 ms of a command's start).
 */
export const gatehouseErrorSchema = z.object({
  code: z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
  details: z.string().nullable(),
  hint: z.string().nullable(),
}) satisfies z.ZodType<GatehouseErrorShape>;
