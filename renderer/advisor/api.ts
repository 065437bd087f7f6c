import type { CallOutput } from '../../shared/contract/index.js';
import type { Client } from '../client/index.js';

export type AdvisorReportView = CallOutput<'advisor.run'>;
export type FindingView = AdvisorReportView['findings'][number];

/** Plain fetchers, usable without React. */
export const advisorApi = {
  run: (client: Client, connectionId: string, refresh = false) =>
    client.call('advisor.run', { connectionId, refresh }),
  acknowledge: (client: Client, connectionId: string, key: string, reason: string) =>
    client.call('advisor.acknowledge', { connectionId, key, reason }),
};
