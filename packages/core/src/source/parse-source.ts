import { parseJsonSource } from './parse-json-source.js';
import { parseYamlSource } from './parse-yaml-source.js';
import type { SourceDocument } from './source-document.js';
import { authoredFileLimits, type SourceLimits } from './source-limits.js';

/** Parses `.json` files as strict JSON and everything else as YAML, keeping locations, within `limits`. */
export function parseSource(text: string, file: string, limits: SourceLimits = authoredFileLimits): SourceDocument {
  return /\.json$/i.test(file) ? parseJsonSource(text, file, limits) : parseYamlSource(text, file, limits);
}
