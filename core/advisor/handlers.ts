import { isAbsolute } from 'node:path';
import type { AdvisorReport } from '../../shared/contract/advisor.js';
import { GatehouseError } from '../../shared/errors.js';
import type { StudioContext } from '../app/context.js';
import type { HandlerGroup } from '../app/handler.js';
import { ACK_FILE_NAME, defaultAckFile, loadAcks, saveAck } from './ack.js';
import { loadAdvisorConfig } from './config-view.js';
import { advise } from './run.js';

/**
 * An acknowledgements file the studio names: an absolute path to a .json file. The host writes it, so a
 * renderer may not point it anywhere else (saveAck also refuses a file that is not an acknowledgements file).
 */
function studioAckFile(file: string): string {
  if (!isAbsolute(file) || !file.toLowerCase().endsWith('.json'))
    throw new GatehouseError(
      'GH402',
      `${file}: the acknowledgements file must be an absolute path to a .json file.`,
      {
        hint: `E.g. /path/to/your/api/${ACK_FILE_NAME}, beside the postgrest.conf you commit.`,
      },
    );
  return file;
}

/** The connection's advisor run: its model (from the shared cache), its PostgREST config, the acknowledgements. */
async function run(
  context: StudioContext,
  input: { connectionId: string; refresh?: boolean | undefined; ackFile?: string | undefined },
): Promise<AdvisorReport> {
  const catalog = input.refresh
    ? await context.models.refresh(input.connectionId)
    : await context.models.get(input.connectionId);
  const entry = await context.actAsConfigs.entry(input.connectionId);
  const source = entry?.config.sourceFile ?? null;
  const file = source !== null && isAbsolute(source) ? source : null;
  const defaults = entry === undefined ? loadAdvisorConfig({ env: {} }) : null;
  const config =
    defaults !== null
      ? {
          ...defaults,
          assumptions: [
            "This connection has no postgrest.conf (set one in Act as): PostgREST's defaults are assumed.",
            ...defaults.assumptions.slice(1),
          ],
        }
      : loadAdvisorConfig({ text: entry!.text, file, env: {} });
  const ackFile = input.ackFile !== undefined ? studioAckFile(input.ackFile) : defaultAckFile(file);
  const acks = ackFile === null ? [] : loadAcks(ackFile);
  return advise({ catalog, config, acks, ackFile });
}

export const advisorHandlers: HandlerGroup<'advisor'> = {
  'advisor.run': (input, context) => run(context, input),
  'advisor.acknowledge': async (input, context) => {
    const report = await run(context, { connectionId: input.connectionId, ackFile: input.ackFile });
    const ackFile = report.ackFile;
    if (ackFile === null)
      throw new GatehouseError('GH402', 'There is no acknowledgements file for this connection.', {
        hint: 'Its postgrest.conf was pasted, not read from a file: give an acknowledgements file path.',
      });
    const finding = report.findings.find((f) => f.key === input.key);
    if (!finding)
      throw new GatehouseError('GH402', `No current finding ${input.key}.`, {
        hint: 'Run the advisor again: it may have been fixed meanwhile.',
      });
    saveAck(ackFile, finding, input.reason, null);
    return { ackFile };
  },
};
