import { DiffEditor, type DiffOnMount } from '@monaco-editor/react';
import { useLayoutEffect, useRef } from 'react';
import '../shell/monaco/setup.js';
import { editorTheme, studioEditorChrome } from '../shell/monaco/themes.js';

type DiffWidget = Parameters<DiffOnMount>[0];

/** One object's DDL on both sides, side by side in Monaco's diff editor (read-only, following the theme). */
export default function SqlDiff({ from, to, theme }: { from: string; to: string; theme: 'light' | 'dark' }) {
  // @monaco-editor/react disposes the two text models before the diff widget that still holds them, and Monaco
  // reports that as an uncaught "TextModel got disposed before DiffEditorWidget model got reset". The models are
  // kept from the library and let go here instead: detached first, then disposed. A layout-effect cleanup runs
  // before the library's own (passive) cleanup, while the widget is still alive.
  const widget = useRef<DiffWidget | null>(null);
  useLayoutEffect(
    () => () => {
      const w = widget.current;
      widget.current = null;
      if (w === null) return;
      const models = w.getModel();
      w.setModel(null);
      models?.original.dispose();
      models?.modified.dispose();
    },
    [],
  );
  return (
    <DiffEditor
      original={from}
      modified={to}
      language="pgsql"
      theme={editorTheme(theme)}
      keepCurrentOriginalModel
      keepCurrentModifiedModel
      onMount={(w) => {
        widget.current = w;
      }}
      options={{
        ...studioEditorChrome,
        readOnly: true,
        originalEditable: false,
        domReadOnly: true,
        renderSideBySide: true,
        // Side by side even in a narrow pane: the point is to read both.
        useInlineViewWhenSpaceIsLimited: false,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        fontSize: 13,
        lineNumbersMinChars: 3,
        wordWrap: 'on',
        automaticLayout: true,
        renderOverviewRuler: false,
        fontFamily:
          "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', 'DejaVu Sans Mono', monospace",
      }}
      loading={
        <div className="diff-sql-fallback">
          <pre>{from}</pre>
          <pre>{to}</pre>
        </div>
      }
    />
  );
}
