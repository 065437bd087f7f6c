import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef, useState } from 'react';
import type { ExpressionProblem, PolicyEditorContext } from '../../shared/contract/rls.js';
import { monaco } from '../shell/monaco/setup.js';
import { useThemeValue } from '../shell/theme-context.js';
import { policyCompletions, type PolicyCompletionKind } from './completion.js';
import { markerRanges } from './markers.js';
import { editorTheme, studioEditorChrome } from '../shell/monaco/themes.js';

export interface ExpressionEditorProps {
  /** Unique per editor on screen: its model's path. */
  readonly path: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly context: PolicyEditorContext | null;
  readonly problems: readonly ExpressionProblem[];
  readonly ariaLabel: string;
}

const PREFIX = 'inmemory://gatehouse/rls/';
/** Editor contexts by model URI: one provider for the language, each policy editor's model finds its own. */
const contexts = new Map<string, () => PolicyEditorContext | null>();
let registered = false;

const KIND: Record<PolicyCompletionKind, monaco.languages.CompletionItemKind> = {
  column: monaco.languages.CompletionItemKind.Field,
  claim: monaco.languages.CompletionItemKind.Property,
  setting: monaco.languages.CompletionItemKind.Variable,
  relation: monaco.languages.CompletionItemKind.Struct,
  function: monaco.languages.CompletionItemKind.Function,
  role: monaco.languages.CompletionItemKind.User,
  keyword: monaco.languages.CompletionItemKind.Keyword,
};
const ORDER: Record<PolicyCompletionKind, string> = {
  column: '0',
  claim: '1',
  setting: '2',
  function: '3',
  relation: '4',
  role: '5',
  keyword: '6',
};

function registerCompletion(): void {
  if (registered) return;
  registered = true;
  monaco.languages.registerCompletionItemProvider('pgsql', {
    triggerCharacters: ['.', "'", '>', '('],
    provideCompletionItems(model, position) {
      const uri = model.uri.toString();
      const ctx = uri.startsWith(PREFIX) ? contexts.get(uri)?.() : null;
      if (!ctx) return { suggestions: [] };
      const at = model.getOffsetAt(position);
      const before = model.getValue().slice(0, at);
      return {
        suggestions: policyCompletions(ctx, before).map((c) => {
          const start = model.getPositionAt(at - c.replace);
          return {
            label: c.label,
            kind: KIND[c.kind],
            detail: c.detail,
            insertText: c.insertText,
            // the typed text is what Monaco filters on: a claim read is found by "claim sub" or by "sub"
            filterText: c.kind === 'claim' || c.kind === 'setting' ? c.label.replace(/^\w+ /, '') : c.label,
            sortText: `${ORDER[c.kind]}${c.label}`,
            range: new monaco.Range(start.lineNumber, start.column, position.lineNumber, position.column),
          };
        }),
      };
    },
  });
}

const LINE = 19;
const MAX_HEIGHT = 12 * LINE;

/**
 * One policy expression in Monaco: PostgreSQL highlighting, completion from the catalog (core's editor context),
 * the validation problems as markers. Sized to its container's width (wrapping, never scrolling sideways) and to
 * its content's height.
 */
export default function ExpressionEditor(props: ExpressionEditorProps) {
  const theme = useThemeValue();
  const uri = `${PREFIX}${props.path}`;
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  const contextRef = useRef(props.context);
  const [height, setHeight] = useState(3 * LINE);
  useEffect(() => {
    contextRef.current = props.context;
  }, [props.context]);
  useEffect(() => {
    registerCompletion();
    contexts.set(uri, () => contextRef.current);
    return () => {
      contexts.delete(uri);
    };
  }, [uri]);

  // the parent may replace the text (a template): the editor follows when it differs
  useEffect(() => {
    const editor = editorRef.current;
    if (editor && editor.getValue() !== props.value) editor.setValue(props.value);
  }, [props.value]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      'gatehouse-rls',
      markerRanges(model.getValue(), props.problems).map((m) => ({
        ...m,
        message: `${m.source === 'syntax' ? 'Syntax' : 'PostgreSQL'}: ${m.message}`,
        severity: monaco.MarkerSeverity.Error,
      })),
    );
  }, [props.problems, props.value]);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    if (editor.getValue() !== props.value) editor.setValue(props.value);
    const fit = () => setHeight(Math.min(MAX_HEIGHT, Math.max(2 * LINE + 8, editor.getContentHeight())));
    editor.onDidContentSizeChange(fit);
    fit();
  };

  return (
    <div
      className={`rls-expr${props.problems.length > 0 ? ' invalid' : ''}`}
      style={{ height }}
      data-testid={`policy-expr-${props.path}`}
    >
      {/* absolutely placed: Monaco's pixel width never counts towards the layout's width, so the box can shrink */}
      <div className="rls-expr-inner">
        <Editor
          defaultValue={props.value}
          path={uri}
          language="pgsql"
          theme={editorTheme(theme)}
          onChange={(v) => props.onChange(v ?? '')}
          onMount={onMount}
          height="100%"
          width="100%"
          options={{
            ...studioEditorChrome,
            ariaLabel: props.ariaLabel,
            minimap: { enabled: false },
            lineNumbers: 'off',
            glyphMargin: false,
            folding: false,
            lineDecorationsWidth: 6,
            renderLineHighlight: 'none',
            scrollBeyondLastLine: false,
            wordWrap: 'on',
            wrappingIndent: 'indent',
            scrollbar: { horizontal: 'hidden', vertical: 'auto', alwaysConsumeMouseWheel: false },
            overviewRulerLanes: 0,
            automaticLayout: true,
            fixedOverflowWidgets: true,
            fontSize: 13,
            tabSize: 2,
            wordBasedSuggestions: 'off',
            quickSuggestions: { other: true, strings: true, comments: false },
            padding: { top: 4, bottom: 4 },
            fontFamily:
              "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', 'DejaVu Sans Mono', monospace",
          }}
          loading={
            <textarea
              className="rls-expr-fallback"
              readOnly
              value={props.value}
              aria-label={props.ariaLabel}
            />
          }
        />
      </div>
    </div>
  );
}
