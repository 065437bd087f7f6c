import { lazy, Suspense } from 'react';
import { useThemeValue } from './theme-context.js';

const SqlViewer = lazy(() => import('./monaco/SqlViewer.js'));

/** Read-only SQL; plain text shows at once while Monaco loads. */
export function SqlBlock({ value, label }: { value: string; label: string }) {
  const theme = useThemeValue();
  return (
    <div className="ddl" aria-label={label} data-sql={value}>
      <Suspense fallback={<pre className="ddl-fallback">{value}</pre>}>
        <SqlViewer value={value} theme={theme} />
      </Suspense>
    </div>
  );
}
