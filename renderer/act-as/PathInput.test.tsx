import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkPath } from './path-check.js';
import { PathCompleter } from './path-completion.js';
import { PathInput } from './PathInput.js';
import { demoModel } from './test-model.js';

afterEach(cleanup);
const completer = new PathCompleter(demoModel);

function Harness({ onSubmit }: { onSubmit: () => void }) {
  const [v, setV] = useState('/');
  return (
    <PathInput
      value={v}
      onChange={setV}
      completer={completer}
      problems={checkPath(v, completer)}
      onSubmit={onSubmit}
    />
  );
}

describe('path input', () => {
  it('lists completions while typing and accepts one with Enter', () => {
    render(<Harness onSubmit={() => undefined} />);
    const input = screen.getByLabelText('Request path') as HTMLInputElement;
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '/ord', selectionStart: 4 } });
    const options = screen.getAllByRole('option').map((o) => o.textContent);
    expect(options[0]).toContain('order_items');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(input.value).toBe('/orders');
  });
  it('shows a malformed filter inline and Ctrl+Enter submits', () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} />);
    const input = screen.getByLabelText('Request path') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '/orders?status=open' } });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const alert = screen.getByRole('alert', { name: 'Path problems' });
    expect(alert.querySelector('mark')!.textContent).toBe('open');
    fireEvent.keyDown(input, { key: 'Enter', ctrlKey: true });
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });
});
