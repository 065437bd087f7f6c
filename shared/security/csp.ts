/**
 * The one Content-Security-Policy of the studio, for both hosts (browser mode's responses and the desktop
 * window's): only our own scripts, styles (Monaco injects inline styles), images and fonts; Monaco's workers
 * come from blob: URLs; nothing may frame the studio, change its base URL or submit a form anywhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
