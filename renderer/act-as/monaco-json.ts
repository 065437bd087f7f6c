// JSON schemas for the console's editors (claims, bodies). Monaco, the JSON language and its worker are set up
// once, in the shell's setup, before any editor exists.
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import { monaco } from '../shell/monaco/setup.js';

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
