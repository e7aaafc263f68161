import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { benchDocument, benchGoals, lastJsonObject, meetsGoal, parseGoal } from '../../../scripts/bench-summary.mjs';

describe('npm run bench: the aggregator (scripts/bench-summary.mjs)', () => {
  it('parses "<op> <number>" goals and checks values against them', () => {
    expect(parseGoal('<= 0.5')).toEqual({ op: '<=', bound: 0.5 });
    expect(parseGoal('>=2')).toEqual({ op: '>=', bound: 2 });
    expect(parseGoal('== 1')).toEqual({ op: '==', bound: 1 });
    expect(parseGoal('at most 2')).toBeNull();
    expect(parseGoal(2)).toBeNull();
    expect(meetsGoal(0.5, '<= 0.5')).toBe(true);
    expect(meetsGoal(0.51, '<= 0.5')).toBe(false);
    expect(meetsGoal(0.9, '>= 0.9')).toBe(true);
    expect(meetsGoal(0.5, '< 0.5')).toBe(false);
    expect(meetsGoal(1, '== 1')).toBe(true);
    expect(meetsGoal(null, '<= 2')).toBeNull();
    expect(meetsGoal(Number.NaN, '<= 2')).toBeNull();
    expect(meetsGoal(1, 'small')).toBeNull();
  });

  it("reads the last line of a bench's stdout as its JSON object, and says why when it cannot", () => {
    expect(lastJsonObject('warming up\n{"a":1}\n\n')).toEqual({ a: 1 });
    expect(() => lastJsonObject('')).toThrow('printed nothing');
    expect(() => lastJsonObject('{"a":1}\ndone\n')).toThrow('not JSON');
    expect(() => lastJsonObject('[1,2]\n')).toThrow('not a JSON object');
  });

  it("recomputes each goal's met, and a disagreeing or malformed goal is unmet", () => {
    const { goals, status } = benchGoals('x', {
      goals: [
        { figure: 'ratio', value: 0.4, goal: '<= 0.5', met: true },
        { figure: 'claims met', value: 0.7, goal: '<= 0.5', met: true },
        { figure: 'no number', value: null, goal: '<= 0.5', met: true },
        { figure: 'bad goal', value: 1, goal: 'fast', met: true },
      ],
    });
    expect(goals.map((goal: { met: boolean }) => goal.met)).toEqual([true, false, false, false]);
    expect(goals[0]).toEqual({ bench: 'x', figure: 'ratio', value: 0.4, goal: '<= 0.5', met: true });
    expect(goals[1].problem).toContain('the bench said met: true');
    expect(goals[2].problem).toContain('not a finite number');
    expect(goals[3].problem).toContain('is not "<op> <number>"');
    expect(status).toBe('3 of 4 goals unmet');
    expect(benchGoals('y', { seconds: 3 })).toEqual({ goals: [], status: 'no goals reported' });
  });

  it('one document: every bench under its name, all goals tagged, allMet only when all ran and all are met', () => {
    const met = { output: { ratio: 0.4, goals: [{ figure: 'ratio', value: 0.4, goal: '<= 0.5', met: true }] } };
    const unmet = { output: { goals: [{ figure: 'rps ratio', value: 0.85, goal: '>= 0.9', met: false }] } };
    const silent = { output: { microseconds: 12 } };
    const document = benchDocument({ gates: met, engine: silent });
    expect(document.allMet).toBe(true);
    expect(document.goals).toEqual([{ bench: 'gates', figure: 'ratio', value: 0.4, goal: '<= 0.5', met: true }]);
    expect(document.benches).toEqual({ gates: '1 of 1 goals met', engine: 'no goals reported' });
    expect(document.gates).toEqual(met.output);
    expect(document.engine).toEqual(silent.output);
    expect(Object.keys(document).slice(0, 3)).toEqual(['allMet', 'goals', 'benches']);

    expect(benchDocument({ gates: met, 'mock-server': unmet }).allMet).toBe(false);
    const crashed = benchDocument({ gates: met, broken: { error: 'exited 1' } });
    expect(crashed.allMet).toBe(false);
    expect(crashed.benches.broken).toBe('failed: exited 1');
    // No goal at all is not "all met".
    expect(benchDocument({ engine: silent }).allMet).toBe(false);
    expect(benchDocument({ goals: silent }).benches.goals).toContain('reserved');
  });
});
