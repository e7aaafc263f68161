import { parseJsonSource } from './parse-json-source.js';
import { parseYamlSource } from './parse-yaml-source.js';
import type { SourceDocument } from './source-document.js';

/** Parses `.json` files as strict JSON and everything else as YAML, keeping locations. */
export function parseSource(text: string, file: string): SourceDocument {
  return /\.json$/i.test(file) ? parseJsonSource(text, file) : parseYamlSource(text, file);
}
