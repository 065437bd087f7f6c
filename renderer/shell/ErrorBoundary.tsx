import { Component, type ErrorInfo, type ReactNode } from 'react';
import { asErrorShape } from '../client/index.js';
import { ErrorCallout } from './ErrorCallout.js';

/** A rendering bug in one panel shows as an error with a way out, not as a blank window. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Gatehouse view failed', error, info.componentStack);
  }

  override componentDidUpdate(previous: { resetKey?: string }): void {
    // Navigating elsewhere gives the new view a fresh chance.
    if (this.state.error !== null && previous.resetKey !== this.props.resetKey)
      this.setState({ error: null });
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    const shape = asErrorShape(this.state.error);
    return (
      <div className="connect-screen">
        <ErrorCallout
          title="This view failed to render"
          error={{
            ...shape,
            hint: shape.hint ?? 'Pick another object, or reload the page. This is a bug in Gatehouse.',
          }}
        />
        <div style={{ marginTop: 'var(--space-3)' }}>
          <button className="btn" onClick={() => location.reload()}>
            Reload
          </button>
        </div>
      </div>
    );
  }
}
