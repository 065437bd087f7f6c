import { useEffect, useState } from 'react';

/** A spinner and the time since a run started, shown beside its Cancel button. */
export function Running({ label = 'Running' }: { label?: string }) {
  const [started] = useState(() => performance.now());
  const [now, setNow] = useState(started);
  useEffect(() => {
    const t = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(t);
  }, []);
  const s = (now - started) / 1000;
  return (
    <span
      className="aa-running"
      role="status"
      aria-label={`${label} for ${s.toFixed(1)} s`}
      data-testid="running"
    >
      <span className="spinner" aria-hidden="true" /> {s.toFixed(1)} s
    </span>
  );
}
