import { isAbsolute } from 'node:path';
import type { AdvisorReport, FindingDetail, ReachMap } from '../../shared/contract/advisor.js';
import { reachOfRole } from '../../shared/contract/advisor.js';
import { GatehouseError } from '../../shared/errors.js';
import type { StudioContext } from '../app/context.js';
import type { HandlerGroup } from '../app/handler.js';
import { ACK_FILE_NAME, defaultAckFile, loadAcks, saveAck } from './ack.js';
import { loadAdvisorConfig } from './config-view.js';
import { advise } from './run.js';
import { findingDetail, reportView } from './view.js';

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

interface LastRun {
  readonly catalog: object;
  readonly configText: string | null;
  readonly ackFile: string | null;
  /** Each finding's detail by key: plain data, so the run's indexes (kept by lazy fingerprints) can go. */
  readonly details: ReadonlyMap<string, FindingDetail>;
  readonly reach: ReachMap;
}

/**
 * Each connection's last run, per studio: `advisor.finding` answers from it while the model and the
 * postgrest.conf it ran on are current (a refreshed model is another object), and runs again otherwise.
 */
const lastRuns = new WeakMap<StudioContext, Map<string, LastRun>>();

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
  const report = advise({ catalog, config, acks, ackFile });
  let runs = lastRuns.get(context);
  if (runs === undefined) lastRuns.set(context, (runs = new Map()));
  runs.set(input.connectionId, {
    catalog,
    configText: entry?.text ?? null,
    ackFile,
    details: new Map(report.findings.map((f) => [f.key, findingDetail(f)])),
    reach: report.reach,
  });
  return report;
}

/** The connection's last run, or a new one when the model or its postgrest.conf changed since. */
async function current(context: StudioContext, connectionId: string): Promise<LastRun> {
  const last = lastRuns.get(context)?.get(connectionId);
  const catalog = await context.models.get(connectionId);
  const entry = await context.actAsConfigs.entry(connectionId);
  if (last !== undefined && last.catalog === catalog && last.configText === (entry?.text ?? null))
    return last;
  await run(context, { connectionId, ackFile: last?.ackFile ?? undefined });
  return lastRuns.get(context)!.get(connectionId)!;
}

/** One finding of the connection's current report, in full. */
async function finding(context: StudioContext, connectionId: string, key: string): Promise<FindingDetail> {
  const detail = (await current(context, connectionId)).details.get(key);
  if (!detail)
    throw new GatehouseError('GH402', `No current finding ${key}.`, {
      hint: 'Run the advisor again: it may have been fixed meanwhile.',
    });
  return detail;
}

/** What one request role reaches, from the current report. */
async function roleReach(context: StudioContext, connectionId: string, role: string): Promise<ReachMap> {
  const reach = (await current(context, connectionId)).reach;
  const one = reach.roles.find((r) => r.role === role);
  if (!one)
    throw new GatehouseError('GH403', `${role} is not a request role of this connection.`, {
      hint: `Request roles: ${reach.roles.map((r) => r.role).join(', ') || '(none)'}.`,
    });
  return reachOfRole(reach, one);
}

export const advisorHandlers: HandlerGroup<'advisor'> = {
  'advisor.run': async (input, context) => reportView(await run(context, input)),
  'advisor.finding': (input, context) => finding(context, input.connectionId, input.key),
  'advisor.reach': (input, context) => roleReach(context, input.connectionId, input.role),
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
