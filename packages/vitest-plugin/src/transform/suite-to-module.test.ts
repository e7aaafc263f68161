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

/** The 1-based line of each group's `new Error(m)` in the generated module, by group number. */
function errorLines(code: string): Map<number, number> {
  const found = new Map<number, number>();
  const lines = code.split('\n');
  for (const [index, line] of lines.entries()) {
    // `case g: return (` at the end of a line puts group g's error at the start of the next one.
    for (const match of line.matchAll(/case (\d+): return (\(|new Error\(m\);)/g)) {
      found.set(Number(match[1]), match[2] === '(' ? index + 2 : index + 1);
    }
  }
  return found;
}

describe('suiteToModule', () => {
  it("puts each case's error on the case's own line, at column 1, with no source map", () => {
    const { code, map } = suiteToModule({ text: yamlSuite, file: '/repo/support.prompt.yaml', runtimeEntry: '/rt.js' });
    expect(map).toEqual({ mappings: '' });
    expect([...errorLines(code)]).toEqual([
      [0, 4],
      [1, 8],
    ]);
    const lines = code.split('\n');
    expect(lines[3]).toBe('new Error(m));');
    expect(lines[7]?.startsWith('new Error(m));')).toBe(true);
    // The runtime is imported inline, on line 1: a static import would be hoisted onto a line of its own.
    expect(lines[0]?.startsWith('(await import("/rt.js")).registerSuite(JSON.parse(')).toBe(true);
    const data = JSON.parse(JSON.parse(/JSON\.parse\(("(?:[^"\\]|\\.)*")\)/.exec(code)?.[1] ?? '""'));
    expect(data).toMatchObject({ file: '/repo/support.prompt.yaml', lines: [4, 8], groupSize: 1, auto: true });
    expect(data.suite.cases.map((c: { id: string }) => c.id)).toEqual(['greet', 'refund']);
    // It evaluates: the factory builds each error where its case is.
    expect(() => new Function(code.replace('(await import("/rt.js")).', 'return ')).toString()).not.toThrow();
  });

  it("grouped (casesPerTest), puts one error per group on its first case's line, whatever the number of cases", () => {
    const cases = Array.from({ length: 2500 }, (_, i) => `  - { id: c${i}, userInput: q${i} }`);
    const text = `name: big\ncases:\n${cases.join('\n')}\n`;
    const { code } = suiteToModule({ text, file: '/repo/big.suite.yaml', runtimeEntry: '/rt.js' });
    // 'auto': 2,500 cases go 3 to a test (834 tests), one error per test, at line 3 + 3g.
    const found = errorLines(code);
    expect(found.size).toBe(834);
    expect(found.get(0)).toBe(3);
    expect(found.get(1)).toBe(6);
    expect(found.get(833)).toBe(3 + 3 * 833);
    expect(code).toContain('\\"groupSize\\":3,\\"auto\\":true');

    const forced = suiteToModule({ text, file: '/repo/big.suite.yaml', runtimeEntry: '/rt.js', casesPerTest: 1 });
    expect(errorLines(forced.code).size).toBe(2500);
    expect(errorLines(forced.code).get(2499)).toBe(2502);
    expect(forced.code).toContain('\\"groupSize\\":1}');
  });

  it('cases on one line (a one-line JSON array) share it, each error at its own column', () => {
    const json = JSON.stringify([
      { id: 'a', user_input: 'hi' },
      { id: 'b', user_input: 'bye' },
    ]);
    const { code } = suiteToModule({ text: json, file: '/repo/one.cases.json', runtimeEntry: '/rt.js' });
    expect([...errorLines(code)]).toEqual([
      [0, 1],
      [1, 1],
    ]);
    expect(code.trimEnd().split('\n')).toHaveLength(1);
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
    const { code } = suiteToModule({ text: json, file: '/repo/seed.cases.json', runtimeEntry: '/rt.js' });
    expect(code).toContain(String.raw`\"name\":\"seed\"`);
    expect(errorLines(code).get(1)).toBe(json.split('\n').indexOf('  {', 2) + 1);
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
