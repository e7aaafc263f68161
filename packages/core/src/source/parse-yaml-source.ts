import { type Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { AgentCicdError } from '../errors.js';
import { parseYamlValues } from './parse-yaml-values.js';
import type { PathSegment, Position, SourceDocument } from './source-document.js';
import { authoredFileLimits, type SourceLimits } from './source-limits.js';

interface Located {
  node: Node;
  keyNode?: Node;
}

function child(node: Node, segment: PathSegment): Located | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (String(key) === String(segment)) {
        const keyNode = pair.key as Node;
        return { node: (pair.value as Node | null) ?? keyNode, keyNode };
      }
    }
  } else if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment] as Node | undefined;
    if (item) return { node: item };
  }
  return undefined;
}

/** Walks the tree without recursion: the first node nested deeper than `maxDepth`, and the first alias. */
function inspect(root: Node | null, maxDepth: number): { tooDeep?: Node; firstAlias?: Node } {
  const out: { tooDeep?: Node; firstAlias?: Node } = {};
  const stack: [Node, number][] = root ? [[root, 1]] : [];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [Node, number];
    if (isAlias(node)) {
      if (!out.firstAlias || (node.range?.[0] ?? 0) < (out.firstAlias.range?.[0] ?? 0)) out.firstAlias = node;
      continue;
    }
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > maxDepth) {
      out.tooDeep ??= node;
      continue;
    }
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        if (item.key && typeof item.key === 'object') stack.push([item.key as Node, depth + 1]);
        if (item.value) stack.push([item.value as Node, depth + 1]);
      } else if (item) stack.push([item as Node, depth + 1]);
    }
  }
  return out;
}

/** A parsed YAML document of a (possibly multi-document) file, as a located {@link SourceDocument}. */
export function yamlDocumentSource(
  doc: Document.Parsed,
  lineCounter: LineCounter,
  file: string,
  limits: Pick<SourceLimits, 'maxDepth' | 'maxAliasCount'>,
): SourceDocument {
  const toPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const fail = (message: string, offset: number): never => {
    throw new AgentCicdError('AGENT_CICD_PARSE_ERROR', `YAML syntax error: ${message}`, {
      location: { file, ...toPosition(offset) },
    });
  };
  const tooDeep = `nesting deeper than ${limits.maxDepth} levels`;
  const [syntaxError] = doc.errors;
  if (syntaxError) {
    const message = syntaxError.message.split('\n')[0] ?? syntaxError.message;
    fail(/Maximum call stack/i.test(message) ? tooDeep : message, syntaxError.pos[0]);
  }
  const root = doc.contents as Node | null;
  const { tooDeep: deepNode, firstAlias } = inspect(root, limits.maxDepth);
  if (deepNode) fail(tooDeep, deepNode.range?.[0] ?? 0);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (error) {
    const offset = firstAlias?.range?.[0] ?? 0;
    if (error instanceof RangeError) fail(tooDeep, offset);
    fail(`aliases expand to more than ${limits.maxAliasCount} nodes (an alias bomb?)`, offset);
  }
  return {
    file,
    value,
    locate(path, at = 'value') {
      if (!root) return toPosition(doc.range?.[0] ?? 0);
      let current: Located = { node: root };
      for (const segment of path) {
        const next = child(current.node, segment);
        if (!next) return toPosition(current.node.range?.[0] ?? 0);
        current = next;
      }
      const target = at === 'key' && current.keyNode ? current.keyNode : current.node;
      return toPosition(target.range?.[0] ?? 0);
    },
  };
}

/** A parser that overflowed the stack (nesting the limit check could not see first) as a located error. */
export function yamlStackOverflow(error: unknown, file: string, maxDepth: number): AgentCicdError {
  if (!(error instanceof RangeError)) throw error;
  return new AgentCicdError('AGENT_CICD_PARSE_ERROR', `YAML syntax error: nesting deeper than ${maxDepth} levels`, {
    location: { file, line: 1, column: 1 },
  });
}

/** Parses YAML keeping node ranges: {@link parseYamlSource}'s located parser, run on every file it declines. */
function parseLocatedYaml(text: string, file: string, limits: Pick<SourceLimits, 'maxDepth' | 'maxAliasCount'>) {
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    throw yamlStackOverflow(error, file, limits.maxDepth);
  }
  return yamlDocumentSource(doc, lineCounter, file, limits);
}

/**
 * Files at least this long (characters) get their values from the cheap parse. Below it the `yaml` library's
 * located document costs under ~30 MB, and every file people usually write keeps exactly the `yaml` library's
 * reading, whatever js-yaml does with odd input the declines of {@link parseYamlValues} have not met yet.
 */
export const cheapYamlParseFrom = 256 * 1024;

/**
 * Parses YAML. A syntax error, nesting deeper than `limits.maxDepth` or aliases that expand past
 * `limits.maxAliasCount` (an "alias bomb") throws `AGENT_CICD_PARSE_ERROR` at its line and column.
 *
 * A large file's values (from {@link cheapYamlParseFrom} characters: a suite of thousands of cases) come from a
 * cheap parse ({@link parseYamlValues}) when it accepts the file: the `yaml` library's located document — ~100
 * times the file's size in memory — is then only built when a position is asked for (an error to report), or for
 * the files the cheap parse leaves to it (errors, tags, anchors, directives…). Either way the values, errors and
 * positions are the `yaml` library's.
 */
export function parseYamlSource(
  text: string,
  file: string,
  limits: Pick<SourceLimits, 'maxDepth' | 'maxAliasCount'> = authoredFileLimits,
): SourceDocument {
  const values = text.length >= cheapYamlParseFrom ? parseYamlValues(text, limits) : undefined;
  if (!values) return parseLocatedYaml(text, file, limits);
  let located: SourceDocument | undefined;
  return {
    file,
    value: values.value,
    locate(path, at) {
      located ??= parseLocatedYaml(text, file, limits);
      return located.locate(path, at);
    },
    itemLines: values.itemLines,
  };
}
