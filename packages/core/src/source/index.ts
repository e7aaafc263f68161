/**
 * `@agent-cicd/core/source`: the one guarded path from a file to located data, for every file agent-cicd reads.
 * Size, UTF-8, depth and alias limits; every failure one `AgentCicdError` with file, line and column.
 */
export { decodeUtf8 } from './decode-utf8.js';
export { type LoadSourceFileOptions, loadSourceFile } from './load-source-file.js';
export { parseGeneratedJson } from './parse-generated-json.js';
export { parseJsonLine } from './parse-json-line.js';
export { parseJsonSource } from './parse-json-source.js';
export { parseSource } from './parse-source.js';
export { parseYamlDocuments, type YamlDocumentSource } from './parse-yaml-documents.js';
export { parseYamlSource } from './parse-yaml-source.js';
export { type ReadLinesOptions, readJsonLines, readTextLines, type TextLine } from './read-json-lines.js';
export { type ReadTextFileOptions, readTextFile, readTextFileSync } from './read-text-file.js';
export { dataSource, formatPath, type PathSegment, type Position, type SourceDocument } from './source-document.js';
export { authoredFileLimits, formatBytes, generatedFileLimits, type SourceLimits } from './source-limits.js';
export { toUserPath, validateSource } from './validate-source.js';
