import { GatehouseError } from '../../shared/errors.js';
import { quoteIdent } from './quote.js';
import { refs, statement, type Statement } from './statement.js';

export interface MembershipGrant {
  /** The role granted. */
  readonly role: string;
  /** The role that becomes a member. */
  readonly member: string;
  /** WITH ADMIN: the member may grant `role` onward. */
  readonly admin?: boolean;
  /** PostgreSQL 16+: whether the member inherits `role`'s privileges (default: the member's INHERIT attribute). */
  readonly inherit?: boolean;
  /** PostgreSQL 16+: whether the member may SET ROLE to `role`. */
  readonly set?: boolean;
  readonly grantedBy?: string;
}

function needs16(what: string, major: number): GatehouseError {
  return new GatehouseError('GH702', `Membership ${what} options need PostgreSQL 16 or later.`, {
    details: `This server is PostgreSQL ${major}.`,
    hint: 'Before 16 a member inherits according to its own INHERIT attribute and may always SET ROLE.',
  });
}

/**
 * GRANT role TO member with the options the server's major version knows: `WITH ADMIN OPTION` before 16,
 * `WITH ADMIN …, INHERIT …, SET …` from 16 (each only when given). On 16+, granting again changes the options.
 */
export function grantMembership(g: MembershipGrant, serverMajor: number): Statement {
  const opts: string[] = [];
  if (serverMajor >= 16) {
    if (g.admin !== undefined) opts.push(`ADMIN ${g.admin ? 'TRUE' : 'FALSE'}`);
    if (g.inherit !== undefined) opts.push(`INHERIT ${g.inherit ? 'TRUE' : 'FALSE'}`);
    if (g.set !== undefined) opts.push(`SET ${g.set ? 'TRUE' : 'FALSE'}`);
  } else {
    if (g.inherit !== undefined || g.set !== undefined) {
      // Before 16 the only state is "member with INHERIT from the member's attribute and SET allowed".
      if (g.inherit === false || g.set === false)
        throw needs16(g.inherit === false ? 'INHERIT' : 'SET', serverMajor);
    }
    if (g.admin === true) opts.push('ADMIN OPTION');
  }
  const sql =
    `GRANT ${quoteIdent(g.role)} TO ${quoteIdent(g.member)}` +
    (opts.length > 0 ? ` WITH ${opts.join(', ')}` : '') +
    (g.grantedBy !== undefined ? ` GRANTED BY ${quoteIdent(g.grantedBy)}` : '');
  return statement('grant', refs.role(g.role), sql);
}

export interface MembershipRevoke {
  readonly role: string;
  readonly member: string;
  /** Revoke only this option (ADMIN OPTION FOR; INHERIT / SET OPTION FOR on 16+), keeping the membership. */
  readonly option?: 'admin' | 'inherit' | 'set';
  readonly grantedBy?: string;
  /** CASCADE: also revoke what depends on the revoked admin option. */
  readonly cascade?: boolean;
}

/** REVOKE [option OPTION FOR] role FROM member [GRANTED BY grantor] [CASCADE]. */
export function revokeMembership(r: MembershipRevoke, serverMajor: number): Statement {
  if ((r.option === 'inherit' || r.option === 'set') && serverMajor < 16)
    throw needs16(r.option.toUpperCase(), serverMajor);
  const option = r.option === undefined ? '' : `${r.option.toUpperCase()} OPTION FOR `;
  const sql =
    `REVOKE ${option}${quoteIdent(r.role)} FROM ${quoteIdent(r.member)}` +
    (r.grantedBy !== undefined ? ` GRANTED BY ${quoteIdent(r.grantedBy)}` : '') +
    (r.cascade === true ? ' CASCADE' : '');
  return statement('revoke', refs.role(r.role), sql);
}
