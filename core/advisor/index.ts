/** The exposure advisor: what each request role reaches over HTTP, and the mistakes in the way. */
export { advise, openFindings, type AdviseInput } from './run.js';
export { loadAdvisorConfig, type AdvisorConfig, type AdvisorConfigInput } from './config-view.js';
export { loadAcks, saveAck, defaultAckFile, ACK_FILE_NAME, type Acknowledgement } from './ack.js';
export { FINDINGS, FINDING_IDS, type FindingId, type FindingDefinition } from './registry.js';
export { formatFindings, formatReach } from './format.js';
