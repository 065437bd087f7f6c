import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import { monaco } from '../shell/monaco/setup.js';
import type { ScriptMarker } from './markers.js';
import { editorTheme, studioEditorChrome } from '../shell/monaco/themes.js';

export interface ScriptViewProps {
  readonly value: string;
  readonly theme: 'light' | 'dark';
  /** PostgreSQL's error at its position. */
  readonly marker: ScriptMarker | null;
  /** The failing statement's span (UTF-16 offsets), shaded line by line. */
  readonly highlight: { start: number; end: number } | null;
}

type Editor = Parameters<OnMount>[0];

/** The change set's SQL, read-only, with the failing statement shaded and the error underlined. */
export default function ScriptView({ value, theme, marker, highlight }: ScriptViewProps) {
  const editorRef = useRef<Editor | null>(null);
  const decorations = useRef<string[]>([]);
  const paint = () => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    monaco.editor.setModelMarkers(
      model,
      'gatehouse-changeset',
      marker
        ? [
            (() => {
              const a = model.getPositionAt(marker.offset);
              const b = model.getPositionAt(marker.offset + marker.length);
              return {
                startLineNumber: a.lineNumber,
                startColumn: a.column,
                endLineNumber: b.lineNumber,
                endColumn: b.column,
                message: marker.message,
                severity: monaco.MarkerSeverity.Error,
              };
            })(),
          ]
        : [],
    );
    const lines = highlight
      ? {
          from: model.getPositionAt(highlight.start).lineNumber,
          to: model.getPositionAt(highlight.end).lineNumber,
        }
      : null;
    decorations.current = editor.deltaDecorations(
      decorations.current,
      lines
        ? [
            {
              range: new monaco.Range(lines.from, 1, lines.to, 1),
              options: {
                isWholeLine: true,
                className: 'cs-failed-line',
                linesDecorationsClassName: 'cs-failed-gutter',
              },
            },
          ]
        : [],
    );
    if (lines) editor.revealLinesInCenterIfOutsideViewport(lines.from, lines.to);
  };
  useEffect(paint);
  return (
    <Editor
      value={value}
      language="pgsql"
      theme={editorTheme(theme)}
      onMount={(editor) => {
        editorRef.current = editor;
        paint();
      }}
      options={{
        ...studioEditorChrome,
        readOnly: true,
        domReadOnly: true,
        // Monaco hides markers in read-only editors by default; here the marker is the point.
        renderValidationDecorations: 'on',
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        fontSize: 13,
        lineNumbersMinChars: 3,
        renderLineHighlight: 'none',
        wordWrap: 'on',
        automaticLayout: true,
        padding: { top: 12, bottom: 12 },
        ariaLabel: 'Change set SQL',
        fontFamily:
          "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', 'DejaVu Sans Mono', monospace",
      }}
      loading={<pre className="cs-script-fallback">{value}</pre>}
    />
  );
}
