/** Request parsing of the act-as simulator: an HTTP request → ApiRequest, as PostgREST parses it. */
export type * from './types.js';
export { parseApiRequest, headerPairs, lookupHeader, parseCookies, splitTarget } from './api-request.js';
export type { ApiRequestConfig } from './api-request.js';
export { parseQueryParams } from './query-params.js';
export { parsePreferences, checkPreferences, preferenceAppliedHeader } from './preferences.js';
export { decodeMediaType, parseAccept, toMime, toContentType } from './media-types.js';
export { parsePayload, parseCsv, parseForm } from './body.js';
export * from './range.js';
