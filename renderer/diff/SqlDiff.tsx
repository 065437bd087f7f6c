import { DiffEditor } from '@monaco-editor/react';
import '../shell/monaco/setup.js';

/** One object's DDL on both sides, side by side in Monaco's diff editor (read-only, following the theme). */
export default function SqlDiff({ from, to, theme }: { from: string; to: string; theme: 'light' | 'dark' }) {
  return (
    <DiffEditor
      original={from}
      modified={to}
      language="pgsql"
      theme={theme === 'dark' ? 'vs-dark' : 'vs'}
      options={{
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
