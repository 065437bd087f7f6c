/** An HTTP response as PostgREST would send it. Header names as PostgREST writes them; order kept. */
export interface SimResponse {
  readonly status: number;
  /** Reason phrase when PostgREST sets a custom one (PTxyz errors, RAISE 'PGRST' status_text). */
  readonly statusText: string | null;
  readonly headers: readonly (readonly [string, string])[];
  /** The body text, byte for byte what PostgreSQL built (empty for HEAD, 204, minimal writes). */
  readonly body: string;
}

export function headerValue(res: SimResponse, name: string): string | undefined {
  const lower = name.toLowerCase();
  return res.headers.find(([k]) => k.toLowerCase() === lower)?.[1];
}
