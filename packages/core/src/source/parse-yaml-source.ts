import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { AgentCicdError } from '../errors.js';
import type { PathSegment, Position, SourceDocument } from './source-document.js';

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

/** Parses YAML keeping node ranges; a syntax error throws `AGENT_CICD_PARSE_ERROR` at its line and column. */
export function parseYamlSource(text: string, file: string): SourceDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const [syntaxError] = doc.errors;
  if (syntaxError) {
    const message = syntaxError.message.split('\n')[0] ?? syntaxError.message;
    throw new AgentCicdError('AGENT_CICD_PARSE_ERROR', `YAML syntax error: ${message}`, {
      location: { file, ...toPosition(syntaxError.pos[0]) },
    });
  }
  const root = doc.contents as Node | null;
  return {
    file,
    value: doc.toJS({ maxAliasCount: 1000 }),
    locate(path, at = 'value') {
      if (!root) return { line: 1, column: 1 };
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
