import {
  envelopeSchema,
  HTTP_CALL_PREFIX,
  HTTP_TOKEN_HEADER,
  type Envelope,
} from '../../shared/contract/index.js';
import { GatehouseError } from '../../shared/errors.js';
import type { Transport } from './transport.js';

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Browser mode: POST /api/call/<name> with the token header; the HttpOnly cookie backs it up after a reload. */
export function createHttpTransport(token: string | null, fetchImpl: FetchLike = fetch): Transport {
  return {
    kind: 'http',
    async send(name, input) {
      let response: Response;
      try {
        response = await fetchImpl(HTTP_CALL_PREFIX + encodeURIComponent(name), {
          method: 'POST',
          credentials: 'same-origin',
          headers: {
            'content-type': 'application/json',
            ...(token ? { [HTTP_TOKEN_HEADER]: token } : {}),
          },
          body: JSON.stringify(input ?? {}),
        });
      } catch (error) {
        return failure(
          new GatehouseError('GH305', 'The studio host did not answer.', {
            details: error instanceof Error ? error.message : null,
            hint: 'Is `gatehouse start` still running? Restart it and open the new link.',
          }),
        );
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return failure(
          new GatehouseError(
            'GH306',
            `The studio host answered HTTP ${response.status} without an envelope.`,
            {
              hint: 'Restart `gatehouse start` and open the new link.',
            },
          ),
        );
      }
      const parsed = envelopeSchema.safeParse(body);
      if (!parsed.success) {
        return failure(
          new GatehouseError('GH306', 'The studio host answered with an unexpected shape.', {
            hint: 'The studio and its host are from different versions: restart `gatehouse start` and open the new link.',
          }),
        );
      }
      return parsed.data as Envelope<unknown>;
    },
  };
}

function failure(error: GatehouseError): Envelope<unknown> {
  return { ok: false, error: error.toJSON() };
}
