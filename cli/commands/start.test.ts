import { describe, expect, it } from 'vitest';
import { browserCommand, parseStartArgs } from './start-args.js';

describe('gatehouse start arguments', () => {
  it('defaults to a free port and opening the browser, except under CI', () => {
    expect(parseStartArgs([], {})).toEqual({ port: 0, open: true });
    expect(parseStartArgs([], { CI: 'true' })).toEqual({ port: 0, open: false });
  });

  it('reads --port N, --port=N and --no-open', () => {
    expect(parseStartArgs(['--port', '4321', '--no-open'], {})).toEqual({ port: 4321, open: false });
    expect(parseStartArgs(['--port=5000'], {})).toEqual({ port: 5000, open: true });
  });

  it('refuses a bad port or an unknown option', () => {
    expect(() => parseStartArgs(['--port'], {})).toThrow(/--port needs a port number/);
    expect(() => parseStartArgs(['--port', 'x'], {})).toThrow(/--port needs a port number/);
    expect(() => parseStartArgs(['--port', '70000'], {})).toThrow(/--port needs/);
    expect(() => parseStartArgs(['--verbose'], {})).toThrow(/unknown option "--verbose"/);
  });
});

describe('browserCommand', () => {
  it('uses open / start / xdg-open, and nothing on a Linux without a display', () => {
    expect(browserCommand('darwin', {})?.command).toBe('open');
    expect(browserCommand('win32', {})?.args('u')).toEqual(['/c', 'start', '""', 'u']);
    expect(browserCommand('linux', { DISPLAY: ':0' })?.command).toBe('xdg-open');
    expect(browserCommand('linux', { WAYLAND_DISPLAY: 'w' })?.command).toBe('xdg-open');
    expect(browserCommand('linux', {})).toBeNull();
  });
});
