import { type Document, LineCounter, parseAllDocuments } from 'yaml';
import { yamlDocumentSource, yamlStackOverflow } from './parse-yaml-source.js';
import type { Position, SourceDocument } from './source-document.js';
import { authoredFileLimits, type SourceLimits } from './source-limits.js';

/** One document of a multi-document YAML stream: located data, and where the document starts. */
export interface YamlDocumentSource extends SourceDocument {
  /** 0-based index of the document in the stream. */
  index: number;
  /** Where the document's content starts (its first node; the `---` line for an empty document). */
  start: Position;
}

/**
 * Parses a multi-document YAML stream (`---`-separated, e.g. Kubernetes manifests or `kubectl kustomize` output)
 * through the same guarded path as {@link parseYamlSource}: every document is held to `limits` (depth, aliases), and
 * a syntax error, too-deep nesting or an alias bomb in any document throws `AGENT_CICD_PARSE_ERROR` at its line and
 * column in the file. Each document locates its own values in file coordinates. An empty stream is no documents.
 */
export function parseYamlDocuments(
  text: string,
  file: string,
  limits: Pick<SourceLimits, 'maxDepth' | 'maxAliasCount'> = authoredFileLimits,
): YamlDocumentSource[] {
  const lineCounter = new LineCounter();
  let documents: Document.Parsed[];
  try {
    documents = [...parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true })];
  } catch (error) {
    throw yamlStackOverflow(error, file, limits.maxDepth);
  }
  return documents.map((doc, index) => {
    const source = yamlDocumentSource(doc, lineCounter, file, limits);
    const offset = doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    return { ...source, index, start: { line, column: col } };
  });
}
