import { lineColumn, parseLocated, type Json } from './json-locate.js';

/** A mistake in the claims text, placed where it was made. */
export interface ClaimsProblem {
  readonly message: string;
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  /** The claim it is about, when it is about one. */
  readonly claim: string | null;
  /** Errors block sending; warnings only inform. */
  readonly severity: 'error' | 'warning';
}

/** A claim the database reads, found in a policy or function (`request.jwt.claims ->> 'x'`). */
export interface DiscoveredClaim {
  readonly name: string;
  /** Human labels of the objects that read it, e.g. `policy orders_owner on api.orders`. */
  readonly usedBy: readonly string[];
}

export interface ClaimsCheck {
  readonly claims: Record<string, Json> | null;
  readonly problems: readonly ClaimsProblem[];
  /** True when nothing blocks sending. */
  readonly ok: boolean;
}

export interface ClaimsRules {
  /** Roles of the database; the role claim must name one of them. */
  readonly roles: readonly string[];
  /** PostgREST's jwt-role-claim-key, reduced to a top-level key (`role` by default). */
  readonly roleClaimKey?: string;
  /** PostgREST's jwt-aud: when set, `aud` must contain it. */
  readonly audience?: string | null;
  /** Seconds since the epoch, for the `exp` check (tests pin it). */
  readonly now?: number;
}

const NUMERIC_DATES = ['exp', 'nbf', 'iat'] as const;

/**
 * Parses and checks claims as PostgREST would see them: a JSON object; `role` (the role claim) a string naming an
 * existing role; `exp`/`nbf`/`iat` NumericDates; `aud` a string or array of strings. Syntax errors and wrong types
 * are errors (nothing is sent); an expired token or an audience mismatch is a warning, because the developer may
 * want to see PostgREST's answer to exactly that.
 */
export function checkClaims(text: string, rules: ClaimsRules): ClaimsCheck {
  const problems: ClaimsProblem[] = [];
  const at = (
    offset: number,
    message: string,
    claim: string | null,
    severity: 'error' | 'warning' = 'error',
  ) => {
    problems.push({ message, offset, ...lineColumn(text, offset), claim, severity });
  };
  if (text.trim() === '') {
    at(0, 'Write the claims as a JSON object, e.g. {"role": "app_user", "sub": "alice"}.', null);
    return { claims: null, problems, ok: false };
  }
  const parsed = parseLocated(text);
  if (!parsed.ok) {
    at(parsed.error.offset, parsed.error.message, null);
    return { claims: null, problems, ok: false };
  }
  const value = parsed.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    at(text.search(/\S/), 'The claims must be a JSON object ({…}).', null);
    return { claims: null, problems, ok: false };
  }
  const where = new Map(parsed.properties.map((p) => [p.key, p]));
  const valueAt = (key: string) => where.get(key)?.valueOffset ?? 0;
  const keyAt = (key: string) => where.get(key)?.keyOffset ?? 0;

  const roleKey = rules.roleClaimKey ?? 'role';
  if (roleKey in value) {
    const role = value[roleKey];
    if (typeof role !== 'string') {
      at(valueAt(roleKey), `"${roleKey}" must be a string naming a database role.`, roleKey);
    } else if (rules.roles.length > 0 && !rules.roles.includes(role)) {
      const near = rules.roles.filter(
        (r) => r.toLowerCase().includes(role.toLowerCase()) || role.toLowerCase().includes(r.toLowerCase()),
      );
      at(
        valueAt(roleKey),
        `Unknown role "${role}": no such role in this database.${
          near.length > 0
            ? ` Did you mean ${near
                .slice(0, 3)
                .map((r) => `"${r}"`)
                .join(', ')}?`
            : ''
        }`,
        roleKey,
      );
    }
  }
  for (const key of NUMERIC_DATES) {
    if (!(key in value)) continue;
    const v = value[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      at(
        valueAt(key),
        `"${key}" must be a number of seconds since 1970 (a NumericDate), not ${JSON.stringify(v)}.`,
        key,
      );
    } else if (key === 'exp' && rules.now !== undefined && v <= rules.now) {
      at(valueAt(key), `"exp" is in the past: PostgREST will answer 401 "JWT expired".`, key, 'warning');
    } else if (key === 'exp' && v > 1e11) {
      at(valueAt(key), '"exp" looks like milliseconds; JWT times are in seconds.', key, 'warning');
    }
  }
  if ('aud' in value) {
    const aud = value.aud;
    const ok = typeof aud === 'string' || (Array.isArray(aud) && aud.every((a) => typeof a === 'string'));
    if (!ok) at(valueAt('aud'), '"aud" must be a string or an array of strings.', 'aud');
    else if (rules.audience) {
      const list = typeof aud === 'string' ? [aud] : (aud as string[]);
      if (!list.includes(rules.audience))
        at(
          valueAt('aud'),
          `"aud" does not contain "${rules.audience}" (jwt-aud): PostgREST will answer 401.`,
          'aud',
          'warning',
        );
    }
  }
  if ('sub' in value && typeof value.sub !== 'string')
    at(valueAt('sub'), '"sub" is usually a string; policies compare it as text.', 'sub', 'warning');
  for (const p of parsed.properties)
    if (p.key.trim() === '') at(keyAt(p.key), 'A claim needs a name.', p.key);
  return { claims: value, problems, ok: !problems.some((p) => p.severity === 'error') };
}

/** A JSON Schema for the claims editor: standard claims, the role enum and the claims the database reads. */
export function claimsJsonSchema(input: {
  readonly roles: readonly string[];
  readonly requestRoles: readonly string[];
  readonly discovered: readonly DiscoveredClaim[];
  readonly roleClaimKey?: string;
}): Record<string, unknown> {
  const roleKey = input.roleClaimKey ?? 'role';
  const ordered = [...input.requestRoles, ...input.roles.filter((r) => !input.requestRoles.includes(r))];
  const properties: Record<string, unknown> = {
    [roleKey]: {
      type: 'string',
      description: 'The database role PostgREST switches to (SET ROLE).',
      ...(ordered.length > 0 ? { enum: ordered } : {}),
    },
    sub: { type: 'string', description: 'Subject: who the token is about (policies often compare it).' },
    exp: {
      type: 'integer',
      description: 'Expiry, seconds since 1970. PostgREST answers 401 once it passed.',
    },
    nbf: { type: 'integer', description: 'Not before, seconds since 1970.' },
    iat: { type: 'integer', description: 'Issued at, seconds since 1970.' },
    aud: {
      anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
      description: 'Audience; checked against jwt-aud when that is set.',
    },
  };
  for (const c of input.discovered) {
    if (c.name in properties) {
      const p = properties[c.name] as { description?: string };
      p.description = `${p.description ?? ''} Read by ${c.usedBy.join(', ')}.`.trim();
      continue;
    }
    properties[c.name] = { description: `Custom claim read by ${c.usedBy.join(', ')}.` };
  }
  return { type: 'object', properties, additionalProperties: true };
}

/** The claims text a new persona starts with. */
export function starterClaims(role: string, discovered: readonly DiscoveredClaim[]): string {
  const claims: Record<string, Json> = { role };
  for (const c of discovered)
    if (!(c.name in claims) && c.name !== 'role') claims[c.name] = c.name === 'sub' ? 'alice' : '';
  return JSON.stringify(claims, null, 2);
}
