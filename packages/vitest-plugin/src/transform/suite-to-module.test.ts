import { AgentCicdError } from '@agent-cicd/core';
import { describe, expect, it } from 'vitest';
import { suiteToModule } from './suite-to-module.js';

const yamlSuite = `name: support
threshold: 0.5
cases:
  - id: greet
    userInput: hello
    expectedResponseKeywords: [hello]

  - id: refund
    name: Refund request
    userInput: I want my money back
`;

/** Decodes a line-only source map back to "generated line → original line" (1-based). */
function originalLines(mappings: string): number[] {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let line = 0;
  return mappings.split(';').map((segment) => {
    const values: number[] = [];
    let value = 0;
    let shift = 0;
    for (const char of segment) {
      const digit = alphabet.indexOf(char);
      value += (digit & 31) << shift;
      if (digit & 32) shift += 5;
      else {
        values.push(value & 1 ? -(value >> 1) : value >> 1);
        value = 0;
        shift = 0;
      }
    }
    line += values[2] ?? 0;
    return line + 1;
  });
}

describe('suiteToModule', () => {
  it('emits one case line per case, mapped to the line where the case starts', () => {
    const { code, map } = suiteToModule({ text: yamlSuite, file: '/repo/support.prompt.yaml', runtimeEntry: '/rt.js' });
    const lines = code.trimEnd().split('\n');
    const mapped = originalLines(map.mappings);
    const caseLines = lines.flatMap((line, index) => (line.startsWith('suite.case(') ? [[line, mapped[index]]] : []));
    expect(caseLines).toEqual([
      ['suite.case("greet", (message) => new Error(message));', 4],
      ['suite.case("refund", (message) => new Error(message));', 8],
    ]);
    expect(lines[0]).toBe('import { registerSuite } from "/rt.js";');
    expect(map.sources).toEqual(['/repo/support.prompt.yaml']);
    expect(map.sourcesContent).toEqual([yamlSuite]);
  });

  it('reads a seed-format case array and names the suite after the file', () => {
    const json = JSON.stringify(
      [
        { id: 'tc_001', user_input: 'hi' },
        { id: 'tc_002', user_input: 'bye' },
      ],
      null,
      2,
    );
    const { code, map } = suiteToModule({ text: json, file: '/repo/seed.cases.json', runtimeEntry: '/rt.js' });
    expect(code).toContain(String.raw`\"name\":\"seed\"`);
    const mapped = originalLines(map.mappings);
    const lines = code.split('\n');
    expect(mapped[lines.findIndex((l) => l.startsWith('suite.case("tc_002"'))]).toBe(
      json.split('\n').indexOf('  {', 2) + 1,
    );
  });

  it('reports a YAML syntax error as one AgentCicdError with the file and line', () => {
    const broken = 'name: x\ncases:\n  - id: a\n    userInput: hello: world\n';
    let caught: unknown;
    try {
      suiteToModule({ text: broken, file: '/repo/bad.prompt.yaml', runtimeEntry: '/rt.js' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AgentCicdError);
    expect((caught as AgentCicdError).location).toMatchObject({ file: '/repo/bad.prompt.yaml', line: 4 });
    expect((caught as AgentCicdError).message).not.toContain('\n');
  });
});
