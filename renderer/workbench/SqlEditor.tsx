import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import { monaco } from '../shell/monaco/setup.js';
import { useThemeValue } from '../shell/theme-context.js';
import type { CompletionKind, SqlCompleter } from './completion.js';
import { editorTheme, studioEditorChrome } from '../shell/monaco/themes.js';

/** A span to underline: PostgreSQL's error position, as an offset into the editor's text. */
export interface SqlMarker {
  readonly offset: number;
  readonly length: number;
  readonly message: string;
}

/** What to run, with the editor's text as it is at that moment (React state may not have caught up yet). */
export type RunRequest = { readonly text: string } & (
  | { readonly mode: 'cursor'; readonly cursor: number }
  | { readonly mode: 'selection'; readonly cursor: number; readonly selection: [number, number] }
  | { readonly mode: 'script'; readonly cursor: number }
);

export interface SqlEditorProps {
  readonly path: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly completer: SqlCompleter | null;
  readonly markers: readonly SqlMarker[];
  /** Ctrl/Cmd+Enter: the selection, or the statement under the cursor. Shift+Enter / F5: the whole script. */
  readonly onRun: (request: RunRequest) => void;
  readonly ariaLabel: string;
  /** Gives the toolbar a way to ask where the cursor and the selection are. */
  readonly onReady?: (api: EditorApi) => void;
}

export interface EditorApi {
  request(script: boolean): RunRequest;
  focus(): void;
}

/** Completers by model URI: one provider for the language, each editor's model finds its own. */
const completers = new Map<string, SqlCompleter>();
let registered = false;

const KIND: Record<CompletionKind, monaco.languages.CompletionItemKind> = {
  keyword: monaco.languages.CompletionItemKind.Keyword,
  schema: monaco.languages.CompletionItemKind.Module,
  relation: monaco.languages.CompletionItemKind.Struct,
  column: monaco.languages.CompletionItemKind.Field,
  function: monaco.languages.CompletionItemKind.Function,
  role: monaco.languages.CompletionItemKind.User,
};
const ORDER: Record<CompletionKind, string> = {
  column: '0',
  relation: '1',
  schema: '2',
  function: '3',
  role: '4',
  keyword: '5',
};

function registerCompletion(): void {
  if (registered) return;
  registered = true;
  monaco.languages.registerCompletionItemProvider('pgsql', {
    triggerCharacters: ['.', ' '],
    provideCompletionItems(model, position) {
      const completer = completers.get(model.uri.toString());
      if (!completer) return { suggestions: [] };
      const text = model.getValue();
      const at = model.getOffsetAt(position);
      // the statement around the cursor: from the last `;` before it to the next one
      const from = text.lastIndexOf(';', at - 1) + 1;
      const next = text.indexOf(';', at);
      const statement = text.slice(from, next < 0 ? text.length : next);
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(
        position.lineNumber,
        word.startColumn,
        position.lineNumber,
        word.endColumn,
      );
      return {
        suggestions: completer.complete(text.slice(from, at), statement).map((c) => ({
          label: c.label,
          kind: KIND[c.kind],
          detail: c.detail,
          insertText: c.insertText,
          sortText: `${ORDER[c.kind]}${c.label}`,
          range,
        })),
      };
    },
  });
}

/** The SQL editor: Monaco with PostgreSQL highlighting, completion from the model and run shortcuts. */
export default function SqlEditor(props: SqlEditorProps) {
  const theme = useThemeValue();
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  const run = useRef(props.onRun);
  useEffect(() => {
    run.current = props.onRun;
  }, [props.onRun]);
  const uri = `inmemory://gatehouse/workbench/${props.path}`;

  useEffect(() => {
    registerCompletion();
    if (props.completer) completers.set(uri, props.completer);
    return () => {
      completers.delete(uri);
    };
  }, [uri, props.completer]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      'postgresql',
      props.markers.map((m) => {
        const start = model.getPositionAt(m.offset);
        // no length from PostgreSQL: underline the word it pointed at
        const word = model.getWordAtPosition(start);
        const end =
          m.length > 0
            ? model.getPositionAt(m.offset + m.length)
            : word
              ? { lineNumber: start.lineNumber, column: word.endColumn }
              : { lineNumber: start.lineNumber, column: start.column + 1 };
        return {
          startLineNumber: start.lineNumber,
          startColumn: start.column,
          endLineNumber: end.lineNumber,
          endColumn: end.column,
          message: m.message,
          severity: monaco.MarkerSeverity.Error,
        };
      }),
    );
  }, [props.markers, props.value]);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    if (editor.getValue() !== props.value) editor.setValue(props.value);
    const request = (script: boolean): RunRequest => {
      const model = editor.getModel()!;
      const position = editor.getPosition();
      const cursor = position ? model.getOffsetAt(position) : 0;
      const sel = editor.getSelection();
      const text = model.getValue();
      if (script) return { text, mode: 'script', cursor };
      if (sel && !sel.isEmpty())
        return {
          text,
          mode: 'selection',
          cursor,
          selection: [model.getOffsetAt(sel.getStartPosition()), model.getOffsetAt(sel.getEndPosition())],
        };
      return { text, mode: 'cursor', cursor };
    };
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => run.current(request(false)));
    editor.addCommand(monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => run.current(request(true)));
    editor.addCommand(monaco.KeyCode.F5, () => run.current(request(true)));
    props.onReady?.({ request, focus: () => editor.focus() });
  };

  return (
    <div className="wb-editor" data-testid={`sql-editor-${props.path}`} aria-label={props.ariaLabel}>
      <Editor
        defaultValue={props.value}
        path={uri}
        language="pgsql"
        theme={editorTheme(theme)}
        onChange={(v) => props.onChange(v ?? '')}
        onMount={onMount}
        height="100%"
        options={{
          ...studioEditorChrome,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          fontSize: 13,
          lineNumbersMinChars: 3,
          automaticLayout: true,
          tabSize: 2,
          fixedOverflowWidgets: true,
          ariaLabel: props.ariaLabel,
          quickSuggestions: { other: true, strings: false, comments: false },
          padding: { top: 8, bottom: 8 },
          fontFamily:
            "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', 'DejaVu Sans Mono', monospace",
        }}
        loading={
          <textarea className="wb-fallback" readOnly value={props.value} aria-label={props.ariaLabel} />
        }
      />
    </div>
  );
}
