// Monaco is bundled with the studio, never fetched from a CDN: the editor core, the PostgreSQL grammar, JSON
// and the workers they need. Imported lazily, so only screens that show code pay for it.
//
// Everything that registers editor services is imported here, before the first editor exists: Monaco freezes
// its service registry when it creates one, and the JSON language loads every editor contribution lazily (its
// worker manager imports internal/common/workers) — loaded after the first editor, codelens and drop-into-editor
// then fail with "depends on UNKNOWN service ICodeLensCache / treeViewsDndService". Their services load here.
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/codelens/register';
import 'monaco-editor/features/dropOrPasteInto/register';
import 'monaco-editor/languages/definitions/pgsql/register';
import 'monaco-editor/languages/features/json/register';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/snippet/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { loader } from '@monaco-editor/react';
import { studioEditorThemes } from './themes.js';

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};
loader.config({ monaco });
for (const [name, data] of Object.entries(studioEditorThemes)) {
  monaco.editor.defineTheme(name, { ...data, rules: [...data.rules] });
}

export { monaco };
