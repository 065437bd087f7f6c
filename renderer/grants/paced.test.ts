import { afterEach, describe, expect, it, vi } from 'vitest';
import { paced, PACED_PER_FRAME } from './paced.js';

afterEach(() => vi.unstubAllGlobals());

describe('paced', () => {
  it('runs a few tasks per animation frame, in order, and a cancelled one never', () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    const ran: number[] = [];
    const cancels = Array.from({ length: 2 * PACED_PER_FRAME + 2 }, (_, i) => paced(() => ran.push(i)));
    cancels[1]!();
    expect(frames.length).toBe(1);
    frames.shift()!(0);
    expect(ran).toEqual([0, ...Array.from({ length: PACED_PER_FRAME - 1 }, (_, i) => i + 2)]);
    frames.shift()!(16);
    frames.shift()!(32);
    expect(ran.length).toBe(2 * PACED_PER_FRAME + 1);
    expect(frames.length).toBe(0);
  });
});
