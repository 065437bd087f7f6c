// JSON support for the console's editors: the language service and its worker, bundled like the rest of Monaco
// (the shell's setup configures the loader and the editor worker; this adds the JSON worker beside it).
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
// The bare editor the shell sets up has no editing features: the console adds completion (claims, bodies),
// hovers (claim descriptions), bracket matching and the marker navigation it needs.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/snippet/register';
// Services that contributions pulled in above depend on but the bare editor does not register: without them
// Monaco throws "depends on UNKNOWN service ICodeLensCache / treeViewsDndService" as page errors.
import 'monaco-editor/editor/contrib/codelens/browser/codeLensCache';
import 'monaco-editor/editor/common/services/treeViewsDndService';
import { monaco } from '../shell/monaco/setup.js';

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};

const schemas = new Map<string, Record<string, unknown>>();

/** Attaches a JSON schema to one model (by its URI); all registrations are kept, as Monaco takes them as a list. */
export function setJsonSchema(modelUri: string, schema: Record<string, unknown> | null): void {
  if (schema === null) schemas.delete(modelUri);
  else schemas.set(modelUri, schema);
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    schemas: [...schemas.entries()].map(([uri, s]) => ({
      uri: `${uri}#schema`,
      fileMatch: [uri],
      schema: s,
    })),
  });
}

export { monaco };
