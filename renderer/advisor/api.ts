import type { CallOutput } from '../../shared/contract/index.js';
import type { Client } from '../client/index.js';

export type AdvisorReportView = CallOutput<'advisor.run'>;
/** A finding as the list shows it (its detail comes with `advisor.finding` when opened). */
export type FindingView = AdvisorReportView['findings'][number];
export type FindingDetailView = CallOutput<'advisor.finding'>;

/** Plain fetchers, usable without React. */
export const advisorApi = {
  run: (client: Client, connectionId: string, refresh = false, ackFile: string | null = null) =>
    client.call('advisor.run', { connectionId, refresh, ...(ackFile !== null ? { ackFile } : {}) }),
  finding: (client: Client, connectionId: string, key: string) =>
    client.call('advisor.finding', { connectionId, key }),
  reach: (client: Client, connectionId: string, role: string) =>
    client.call('advisor.reach', { connectionId, role }),
  acknowledge: (
    client: Client,
    connectionId: string,
    key: string,
    reason: string,
    ackFile: string | null = null,
  ) =>
    client.call('advisor.acknowledge', {
      connectionId,
      key,
      reason,
      ...(ackFile !== null ? { ackFile } : {}),
    }),
};
