import { AgentCicdError } from '@agent-cicd/core';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';

/** What the transform needs to know about a suite file: its data and where each case starts. */
export interface SuiteSource {
  suite: { name: string; threshold?: number; cases: Array<Record<string, unknown> & { id: string; name?: string }> };
  caseLines: Record<string, number>;
}

// TEMPORARY until foundation's parseSuiteText lands: positions only, no validation.
export function readSuite(text: string, file: string): SuiteSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    throw new AgentCicdError('AGENT_CICD_SUITE_SYNTAX', first.message.split('\n')[0] ?? first.message, {
      location: { file, line: pos.line, column: pos.col },
    });
  }
  const root = doc.contents;
  const data = doc.toJS() as unknown;
  const casesNode = isSeq(root) ? root : isMap(root) ? root.get('cases', true) : undefined;
  const rawCases: unknown[] = Array.isArray(data) ? data : ((data as { cases?: unknown[] } | null)?.cases ?? []);
  const caseLines: Record<string, number> = {};
  const cases = rawCases.map((raw, index) => {
    const item = (raw ?? {}) as Record<string, unknown>;
    const id = typeof item.id === 'string' ? item.id : `case-${index + 1}`;
    const node = isSeq(casesNode) ? casesNode.items[index] : undefined;
    const offset = (node as { range?: [number, number, number] } | undefined)?.range?.[0];
    caseLines[id] = offset === undefined ? 1 : lineCounter.linePos(offset).line;
    return { ...item, id };
  });
  const base = Array.isArray(data) ? {} : ((data ?? {}) as Record<string, unknown>);
  const name = typeof base.name === 'string' ? base.name : (file.split('/').pop() ?? file).replace(/\.(prompt|suite|cases)\.(ya?ml|json)$/, '');
  return {
    suite: { ...base, name, cases } as SuiteSource['suite'],
    caseLines,
  };
}
