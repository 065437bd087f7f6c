/**
 * A SCRAM-SHA-256 verifier (RFC 5802 / 7677, stored as PostgreSQL's `SCRAM-SHA-256$<iter>:<salt>$<StoredKey>:
 * <ServerKey>`), computed where the password is typed so that only the verifier travels, as psql's \password
 * does. WebCrypto only: it runs in the renderer and in Node alike.
 */

const ITERATIONS = 4096; // PostgreSQL's scram_iterations default
const enc = new TextEncoder();

function base64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

async function hmac(key: Uint8Array<ArrayBuffer>, text: string): Promise<Uint8Array<ArrayBuffer>> {
  const k = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, enc.encode(text)));
}

/**
 * SASLprep (RFC 4013) for what people type: ASCII passes unchanged; other text is NFKC-normalised with non-ASCII
 * spaces mapped to U+0020 and soft hyphens / zero-width characters dropped, as PostgreSQL's pg_saslprep does.
 */
export function saslPrep(password: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(password)) return password;
  return password
    .replace(/[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000]/g, ' ')
    .replace(/\u00ad|\u034f|\u1806|[\u180b-\u180d]|\u200c|\u200d|\u2060|[\ufe00-\ufe0f]|\ufeff/gu, '')
    .normalize('NFKC');
}

export async function scramVerifier(
  password: string,
  options: { salt?: Uint8Array<ArrayBuffer>; iterations?: number } = {},
): Promise<string> {
  const iterations = options.iterations ?? ITERATIONS;
  const salt = options.salt ?? crypto.getRandomValues(new Uint8Array(16));
  const base = await crypto.subtle.importKey('raw', enc.encode(saslPrep(password)), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const salted = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt, iterations }, base, 256),
  );
  const clientKey = await hmac(salted, 'Client Key');
  const storedKey = new Uint8Array(await crypto.subtle.digest('SHA-256', clientKey));
  const serverKey = await hmac(salted, 'Server Key');
  return `SCRAM-SHA-256$${iterations}:${base64(salt)}$${base64(storedKey)}:${base64(serverKey)}`;
}
