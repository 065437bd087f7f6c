import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import { useThemeValue } from '../shell/theme-context.js';
import { monaco, setJsonSchema } from './monaco-json.js';
import { editorTheme, studioEditorChrome } from '../shell/monaco/themes.js';

/** A span to underline in the editor. */
export interface EditorMarker {
  readonly offset: number;
  readonly length: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export interface CodeEditorProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly language: 'json' | 'pgsql';
  /** A stable path for the model, e.g. `claims/alice.json` (schemas attach to it). */
  readonly path: string;
  readonly height: number | string;
  readonly ariaLabel: string;
  readonly schema?: Record<string, unknown> | null;
  readonly markers?: readonly EditorMarker[];
  /** Ctrl/Cmd+Enter. */
  readonly onSubmit?: () => void;
}

/** Monaco, bundled: JSON with a schema (claims, bodies) or PostgreSQL (the SQL console). Lazy-loaded. */
export default function CodeEditor(props: CodeEditorProps) {
  const theme = useThemeValue();
  const submit = useRef(props.onSubmit);
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  useEffect(() => {
    submit.current = props.onSubmit;
  }, [props.onSubmit]);
  const uri = `inmemory://gatehouse/${props.path}`;
  useEffect(() => {
    if (props.language !== 'json') return;
    setJsonSchema(uri, props.schema ?? null);
    return () => setJsonSchema(uri, null);
  }, [uri, props.schema, props.language]);
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      'gatehouse',
      (props.markers ?? []).map((m) => {
        const start = model.getPositionAt(m.offset);
        const end = model.getPositionAt(m.offset + m.length);
        return {
          startLineNumber: start.lineNumber,
          startColumn: start.column,
          endLineNumber: end.lineNumber,
          endColumn: end.column,
          message: m.message,
          severity: m.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        };
      }),
    );
  }, [props.markers, props.value]);
  // The editor owns its text while the user types: React's value only flows in when it changed elsewhere (the
  // role picker, "+ claim"), so a render that lags a fast typist never resets the text or the cursor.
  const emitted = useRef(props.value);
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || props.value === emitted.current || props.value === model.getValue()) return;
    emitted.current = props.value;
    editor.pushUndoStop();
    editor.executeEdits('gatehouse', [{ range: model.getFullModelRange(), text: props.value }]);
    editor.pushUndoStop();
  }, [props.value]);
  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    if (editor.getValue() !== props.value) editor.setValue(props.value);
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => submit.current?.());
  };
  return (
    <div className="aa-editor" aria-label={props.ariaLabel} data-testid={`editor-${props.path}`}>
      <Editor
        defaultValue={props.value}
        onChange={(v) => {
          emitted.current = v ?? '';
          props.onChange(v ?? '');
        }}
        language={props.language}
        path={uri}
        height={props.height}
        theme={editorTheme(theme)}
        onMount={onMount}
        options={{
          ...studioEditorChrome,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          fontSize: 13,
          lineNumbersMinChars: 3,
          automaticLayout: true,
          tabSize: 2,
          wordWrap: 'on',
          padding: { top: 8, bottom: 8 },
          fixedOverflowWidgets: true,
          ariaLabel: props.ariaLabel,
          fontFamily:
            "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', 'DejaVu Sans Mono', monospace",
        }}
        loading={
          <textarea className="aa-textarea" readOnly value={props.value} aria-label={props.ariaLabel} />
        }
      />
    </div>
  );
}
