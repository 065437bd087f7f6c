import { describe, expect, it } from 'vitest';
import {
  ELECTRON_CSP,
  isRendererAsset,
  mainWindowOptions,
  secureWebPreferences,
  withCsp,
} from './security.js';
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp.js';

describe('window options', () => {
  it('isolate, sandbox and strip Node from every renderer', () => {
    const prefs = mainWindowOptions('/app/dist/electron/preload.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(secureWebPreferences('/p')).toEqual({ ...prefs, preload: '/p' });
  });

  it('shows the window only when ready', () => {
    expect(mainWindowOptions('/p').show).toBe(false);
  });
});

describe('content security policy', () => {
  it('is the strict policy', () => {
    expect(ELECTRON_CSP).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    // The one policy browser mode sends too.
    expect(ELECTRON_CSP).toBe(CONTENT_SECURITY_POLICY);
    expect(ELECTRON_CSP).not.toContain('unsafe-eval');
  });

  it('replaces any CSP a response carried and keeps the other headers', () => {
    const headers = withCsp({
      'content-security-policy': ['default-src *'],
      'Content-Type': 'text/html',
      'X-A': ['1'],
    });
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'X-A': ['1'],
      'Content-Security-Policy': [ELECTRON_CSP],
    });
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [ELECTRON_CSP] });
  });
});

describe('isRendererAsset', () => {
  const index = '/app/dist/renderer/index.html';
  it('allows files inside dist/renderer only', () => {
    expect(isRendererAsset('file:///app/dist/renderer/index.html', index)).toBe(true);
    expect(isRendererAsset('file:///app/dist/renderer/assets/app-1.js?x#y', index)).toBe(true);
    expect(isRendererAsset('file:///app/dist/renderer/../electron/main.js', index)).toBe(false);
    expect(isRendererAsset('file:///app/dist/renderer-evil/x.js', index)).toBe(false);
    expect(isRendererAsset('file:///etc/passwd', index)).toBe(false);
    expect(isRendererAsset('file:///app/dist/renderer', index)).toBe(false);
    expect(isRendererAsset('https://example.com/app/dist/renderer/x.js', index)).toBe(false);
  });
});
