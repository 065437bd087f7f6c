import type { z } from 'zod';
import { studioCalls } from './studio.js';
import { connectionsCalls } from './connections.js';
import { actAsConsoleCalls } from './act-as-console.js';
import { actAsCalls } from './act-as.js';
import { catalogCalls } from './catalog.js';
import { workbenchCalls } from './workbench.js';
import { advisorCalls } from './advisor.js';
import { changesetCalls } from './changeset.js';
import { rolesCalls } from './roles.js';
import { rlsCalls } from './rls.js';
import { diffCalls } from './diff.js';

/** The whole studio contract, merged from one file per capability. */
export const contract = {
  ...studioCalls,
  ...connectionsCalls,
  ...actAsConsoleCalls,
  ...actAsCalls,
  ...catalogCalls,
  ...workbenchCalls,
  ...advisorCalls,
  ...changesetCalls,
  ...rolesCalls,
  ...rlsCalls,
  ...diffCalls,
};

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<N extends CallName> = z.input<Contract[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Contract[N]['output']>;

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export { defineCall, type CallSpec } from './define.js';
export * from './envelope.js';
