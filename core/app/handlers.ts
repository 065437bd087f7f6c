import type { Handlers } from './handler.js';
import { studioHandlers } from '../studio/handlers.js';
import { connectionsHandlers } from '../connections/handlers.js';
import { actAsConsoleHandlers } from '../act-as/console/handlers.js';
import { actAsHandlers } from '../act-as/handlers.js';
import { catalogHandlers } from '../catalog/handlers.js';
import { workbenchHandlers } from '../workbench/handlers.js';
import { advisorHandlers } from '../advisor/handlers.js';
import { changesetHandlers } from '../changeset/handlers.js';
import { rolesHandlers } from '../roles/handlers.js';
import { rlsHandlers } from '../rls/handlers.js';
import { diffHandlers } from '../diff/handlers.js';

/** All handlers, one group per capability. */
export const handlers: Handlers = {
  ...studioHandlers,
  ...connectionsHandlers,
  ...actAsConsoleHandlers,
  ...actAsHandlers,
  ...catalogHandlers,
  ...workbenchHandlers,
  ...advisorHandlers,
  ...changesetHandlers,
  ...rolesHandlers,
  ...rlsHandlers,
  ...diffHandlers,
};
