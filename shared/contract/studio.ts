import { z } from 'zod';
import { defineCall } from './define.js';

export const studioCalls = {
  'studio.info': defineCall({
    summary: 'Which studio is answering: version, host mode and platform.',
    input: z.object({}),
    output: z.object({
      version: z.string(),
      mode: z.enum(['browser', 'desktop', 'cli']),
      platform: z.string(),
    }),
  }),
};
