import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEY_STEP, Splitter, useSplitSize } from './Splitter.js';

function Harness({
  pane = 'before',
  orientation = 'vertical',
}: {
  pane?: 'before' | 'after';
  orientation?: 'vertical' | 'horizontal';
}) {
  const split = useSplitSize('test.pane', 300, 200, 500);
  return (
    <div>
      <div data-testid="pane" style={{ width: split.size }} />
      <Splitter split={split} orientation={orientation} pane={pane} label="Resize the pane" />
    </div>
  );
}

const handle = () => screen.getByRole('separator', { name: 'Resize the pane' });
const size = () => Number(handle().getAttribute('aria-valuenow'));

beforeEach(() => localStorage.clear());
afterEach(cleanup);

describe('Splitter', () => {
  it('is a focusable separator with its size and limits', () => {
    render(<Harness />);
    expect(handle().getAttribute('aria-orientation')).toBe('vertical');
    expect(handle().tabIndex).toBe(0);
    expect([size(), handle().getAttribute('aria-valuemin'), handle().getAttribute('aria-valuemax')]).toEqual([
      300,
      '200',
      '500',
    ]);
  });

  it('moves with the arrow keys (Shift for bigger steps), Home and End, within its limits', () => {
    render(<Harness />);
    fireEvent.keyDown(handle(), { key: 'ArrowRight' });
    expect(size()).toBe(300 + KEY_STEP);
    fireEvent.keyDown(handle(), { key: 'ArrowLeft', shiftKey: true });
    expect(size()).toBe(300 + KEY_STEP - 4 * KEY_STEP);
    fireEvent.keyDown(handle(), { key: 'End' });
    expect(size()).toBe(500);
    fireEvent.keyDown(handle(), { key: 'ArrowRight' });
    expect(size()).toBe(500);
    fireEvent.keyDown(handle(), { key: 'Home' });
    expect(size()).toBe(200);
  });

  it('grows the pane after it when moved towards the start (a bottom pane grows upwards)', () => {
    render(<Harness pane="after" orientation="horizontal" />);
    fireEvent.keyDown(handle(), { key: 'ArrowUp' });
    expect(size()).toBe(300 + KEY_STEP);
    fireEvent.keyDown(handle(), { key: 'ArrowRight' });
    expect(size()).toBe(300 + KEY_STEP);
  });

  it('follows a drag', () => {
    render(<Harness />);
    fireEvent.pointerDown(handle(), { button: 0, clientX: 100, pointerId: 1 });
    fireEvent.pointerMove(handle(), { clientX: 160, pointerId: 1 });
    expect(size()).toBe(360);
    fireEvent.pointerUp(handle(), { clientX: 160, pointerId: 1 });
    fireEvent.pointerMove(handle(), { clientX: 400, pointerId: 1 });
    expect(size()).toBe(360);
  });

  it('remembers the size for the next session, and a double click resets it', () => {
    const first = render(<Harness />);
    fireEvent.keyDown(handle(), { key: 'ArrowRight' });
    first.unmount();
    expect(localStorage.getItem('gatehouse.split.test.pane')).toBe(String(300 + KEY_STEP));
    render(<Harness />);
    expect(size()).toBe(300 + KEY_STEP);
    fireEvent.doubleClick(handle());
    expect(size()).toBe(300);
    expect(localStorage.getItem('gatehouse.split.test.pane')).toBeNull();
  });

  it('ignores a stored size outside its limits', () => {
    localStorage.setItem('gatehouse.split.test.pane', '9000');
    render(<Harness />);
    expect(size()).toBe(500);
  });
});
