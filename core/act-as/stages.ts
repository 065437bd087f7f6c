/**
 * The pipeline stages the simulator composes, owned by the request/auth/plan/render modules. Kept behind one
 * interface so simulate() can be driven with stand-ins in tests.
 */
import type { AuthResult } from './auth/types.js';
import type { PostgrestConfig } from './config/types.js';
import type { Result } from './errors/index.js';
import type { Plan } from './plan/types.js';
import type { RenderedStatement } from './render/types.js';
import type { ApiRequest, HttpRequestInput } from './request/types.js';
import type { SchemaCache } from './schema-cache/index.js';

export type DbPlan = Exclude<Plan, { type: 'info' }>;

export interface Stages {
  parse(input: HttpRequestInput, config: PostgrestConfig): Result<ApiRequest>;
  authenticate(config: PostgrestConfig, authorization: string | null): Promise<Result<AuthResult>>;
  plan(request: ApiRequest, config: PostgrestConfig, schemaCache: SchemaCache): Result<Plan>;
  render(plan: DbPlan, request: ApiRequest, config: PostgrestConfig): Result<RenderedStatement>;
}
