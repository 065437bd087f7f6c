import type { AfterPreRequest, SessionContextShape } from '../../shared/contract/act-as.js';
import type { SessionContext } from './execute/session.js';

const pairs = (list: readonly (readonly [string, string])[]): [string, string][] =>
  list.map(([k, v]) => [k, v]);

/** The session context as the contract carries it: the one place the simulator's context becomes a reply. */
export function toContractContext(
  c: SessionContext | null,
  after: AfterPreRequest | null = null,
): SessionContextShape | null {
  if (c === null) return null;
  return {
    role: c.role,
    claims: { ...c.claims },
    method: c.method,
    path: c.path,
    headers: pairs(c.headers),
    cookies: pairs(c.cookies),
    searchPath: [...c.searchPath],
    roleSettings: pairs(c.roleSettings),
    appSettings: pairs(c.appSettings),
    functionSettings: pairs(c.functionSettings),
    timezone: c.timezone,
    preRequest: c.preRequest,
    isolationLevel: c.isolationLevel,
    readOnly: c.readOnly,
    afterPreRequest: after,
  };
}
