import { lazy, Suspense } from 'react';
import type { CodeEditorProps } from './CodeEditor.js';

const CodeEditor = lazy(() => import('./CodeEditor.js'));

/** The code editor without paying for Monaco up front: a plain textarea shows until it has loaded. */
export function LazyEditor(props: CodeEditorProps) {
  return (
    <Suspense
      fallback={
        <textarea
          className="aa-textarea"
          style={{ height: props.height }}
          value={props.value}
          aria-label={props.ariaLabel}
          onChange={(e) => props.onChange(e.target.value)}
        />
      }
    >
      <CodeEditor {...props} />
    </Suspense>
  );
}
