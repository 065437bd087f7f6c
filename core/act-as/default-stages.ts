/** The real pipeline stages: PostgREST's request parser, JWT authentication, planner and renderer. */
import { authenticate } from './auth/authenticate.js';
import { planStage } from './plan/index.js';
import { renderStage } from './render/index.js';
import { parseApiRequest } from './request/index.js';
import type { Stages } from './stages.js';

export const defaultStages: Stages = {
  parse: (input, config) => parseApiRequest(input, config),
  authenticate: (config, authorization) => authenticate(config, authorization),
  plan: planStage,
  render: renderStage,
};
