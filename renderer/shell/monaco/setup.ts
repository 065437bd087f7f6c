// Monaco is bundled with the studio, never fetched from a CDN: the editor core, the PostgreSQL grammar and
// the one worker it needs. Imported lazily, so only screens that show SQL pay for it.
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/languages/definitions/pgsql/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { loader } from '@monaco-editor/react';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
loader.config({ monaco });

export { monaco };
