import Editor from '@monaco-editor/react';
import './setup.js';
import { editorTheme, studioEditorChrome } from './themes.js';

/** Read-only SQL in Monaco, following the studio theme. */
export default function SqlViewer({ value, theme }: { value: string; theme: 'light' | 'dark' }) {
  return (
    <Editor
      value={value}
      language="pgsql"
      theme={editorTheme(theme)}
      options={{
        ...studioEditorChrome,
        readOnly: true,
        domReadOnly: true,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        fontSize: 13,
        lineNumbersMinChars: 3,
        renderLineHighlight: 'none',
        wordWrap: 'on',
        automaticLayout: true,
        padding: { top: 12, bottom: 12 },
        fontFamily:
          "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', 'DejaVu Sans Mono', monospace",
      }}
      loading={<pre className="ddl-fallback">{value}</pre>}
    />
  );
}
