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
  it('emits one error line per case, mapped to the line where the case starts, and the suite as data', () => {
    const { code, map } = suiteToModule({ text: yamlSuite, file: '/repo/support.prompt.yaml', runtimeEntry: '/rt.js' });
    const lines = code.trimEnd().split('\n');
    const mapped = originalLines(map.mappings);
    const errorLines = lines.flatMap((line, index) => (line.startsWith('case ') ? [[line, mapped[index]]] : []));
    expect(errorLines).toEqual([
      ['case 0: return new Error(m);', 4],
      ['case 1: return new Error(m);', 8],
    ]);
    expect(lines[0]).toBe('import { registerSuite } from "/rt.js";');
    const data = JSON.parse(JSON.parse(/JSON\.parse\(("(?:[^"\\]|\\.)*")\)/.exec(code)?.[1] ?? '""'));
    expect(data).toMatchObject({ file: '/repo/support.prompt.yaml', lines: [4, 8], groupSize: 1, auto: true });
    expect(data.suite.cases.map((c: { id: string }) => c.id)).toEqual(['greet', 'refund']);
    expect(map.sources).toEqual(['/repo/support.prompt.yaml']);
    expect(map.sourcesContent).toEqual([yamlSuite]);
  });

  it('grouped (casesPerTest), emits one error line per group, at its first case, whatever the number of cases', () => {
    const cases = Array.from({ length: 2500 }, (_, i) => `  - { id: c${i}, userInput: q${i} }`);
    const text = `name: big\ncases:\n${cases.join('\n')}\n`;
    const { code, map } = suiteToModule({ text, file: '/repo/big.suite.yaml', runtimeEntry: '/rt.js' });
    const lines = code.trimEnd().split('\n');
    const mapped = originalLines(map.mappings);
    // 'auto': 2,500 cases go 3 to a test (834 tests), one error line per test.
    const errorLines = lines.flatMap((line, index) => (line.startsWith('case ') ? [[line, mapped[index]]] : []));
    expect(errorLines).toHaveLength(834);
    expect(errorLines[1]).toEqual(['case 1: return new Error(m);', 6]);
    expect(code).toContain('\\"groupSize\\":3,\\"auto\\":true');

    const forced = suiteToModule({ text, file: '/repo/big.suite.yaml', runtimeEntry: '/rt.js', casesPerTest: 1 });
    expect(forced.code.split('\n').filter((line) => line.startsWith('case '))).toHaveLength(2500);
    expect(forced.code).toContain('\\"groupSize\\":1}');
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
    expect(mapped[lines.indexOf('case 1: return new Error(m);')]).toBe(json.split('\n').indexOf('  {', 2) + 1);
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
