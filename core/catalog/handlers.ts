import type { HandlerGroup } from '../app/handler.js';
import { GatehouseError } from '../../shared/errors.js';
import { ddlForObject, toScript } from '../ddl/index.js';

/** SQL comment lines for a note (never able to end the comment: line breaks become spaces). */
const commentLines = (...lines: (string | null)[]) =>
  lines
    .filter((l): l is string => l !== null)
    .map((l) => `-- ${l.replace(/[\r\n]+/g, ' ')}\n`)
    .join('');

export const catalogHandlers: HandlerGroup<'catalog'> = {
  // Served from the connection's model cache; `refresh` (the studio's refresh button) reads it anew.
  'catalog.read': ({ connectionId, refresh }, context) =>
    refresh === true ? context.models.refresh(connectionId) : context.models.get(connectionId),
  // Written from a fresh read, so the script matches the database now, not a renderer's older copy.
  'catalog.ddl': async ({ connectionId, object }, context) => {
    const model = await context.models.refresh(connectionId);
    try {
      return { sql: toScript(ddlForObject(model, object)) };
    } catch (error) {
      // What the model cannot describe (a foreign table's server, an aggregate) is said in the script itself.
      if (error instanceof GatehouseError && error.code === 'GH702')
        return { sql: commentLines(error.message, error.hint) };
      throw error;
    }
  },
};
