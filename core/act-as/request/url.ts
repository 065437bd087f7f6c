/**
 * URL pieces decoded as PostgREST's libraries do (http-types' parseQueryReplacePlus / urlDecode and WAI's
 * decodePathSegments): work on UTF-8 bytes, `%XX` decoded only when both digits are hex, `+` → space in queries.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

function hexVal(b: number): number | null {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x41 + 10;
  if (b >= 0x61 && b <= 0x66) return b - 0x61 + 10;
  return null;
}

export function urlDecodeBytes(bytes: Uint8Array, replacePlus: boolean): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x2b && replacePlus) {
      out[n++] = 0x20;
    } else if (b === 0x25 && i + 2 < bytes.length) {
      const x = hexVal(bytes[i + 1]!);
      const y = hexVal(bytes[i + 2]!);
      if (x !== null && y !== null) {
        out[n++] = x * 16 + y;
        i += 2;
      } else {
        out[n++] = b;
      }
    } else {
      out[n++] = b;
    }
  }
  return out.slice(0, n);
}

/** Percent-decodes `text` (UTF-8); `replacePlus` turns `+` into a space (query strings, forms). */
const needsDecoding = /[%+\uD800-\uDFFF]/;

export function urlDecode(text: string, replacePlus: boolean): string {
  // Nothing to decode and well-formed UTF-16 (a lone surrogate would become U+FFFD): the text is its own decoding.
  if (!needsDecoding.test(text)) return text;
  return decoder.decode(urlDecodeBytes(encoder.encode(text), replacePlus));
}

/**
 * `a=1&b&c=x+y;d=%41` → [["a","1"],["b",null],["c","x y"],["d","A"]]. A leading `?` is dropped; `&` and `;`
 * both separate pairs (http-types).
 */
export function parseQuery(qs: string): [string, string | null][] {
  let q = qs.startsWith('?') ? qs.slice(1) : qs;
  const out: [string, string | null][] = [];
  while (q.length > 0) {
    const m = /[&;]/.exec(q);
    const part = m ? q.slice(0, m.index) : q;
    q = m ? q.slice(m.index + 1) : '';
    const eq = part.indexOf('=');
    const k = eq === -1 ? part : part.slice(0, eq);
    const v = eq === -1 ? null : part.slice(eq + 1);
    out.push([urlDecode(k, true), v === null ? null : urlDecode(v, true)]);
  }
  return out;
}

/** WAI's decodePathSegments: "/rpc/add" → ["rpc","add"], "/" → [], "/a/" → ["a",""]. */
export function decodePathSegments(path: string): string[] {
  if (path === '' || path === '/') return [];
  const p = path.startsWith('/') ? path.slice(1) : path;
  return p.split('/').map((s) => urlDecode(s, false));
}

/** Network.HTTP.Base's urlEncode (unreserved ASCII kept, the rest %XX upper-case, UTF-8). */
const unreservedOnly = /^[A-Za-z0-9\-_.~]*$/;

/** `%XX` for every byte value, upper-case hex. */
const percent = Array.from({ length: 256 }, (_, b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`);
/** Per ASCII code: the character itself when unreserved, else its `%XX`. */
const asciiEncoded = Array.from({ length: 128 }, (_, b) => {
  const c = String.fromCharCode(b);
  return /[A-Za-z0-9\-_.~]/.test(c) ? c : percent[b]!;
});

export function urlEncode(text: string): string {
  if (unreservedOnly.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // ASCII is its own UTF-8; anything else goes through the encoder.
    if (c >= 128) return urlEncodeUtf8(text);
    out += asciiEncoded[c]!;
  }
  return out;
}

function urlEncodeUtf8(text: string): string {
  let out = '';
  for (const b of encoder.encode(text)) out += b < 128 ? asciiEncoded[b]! : percent[b]!;
  return out;
}
