import { parseSuiteText } from '@agent-cicd/core';
import { describe, expect, it } from 'vitest';
import { compactCase, expandCase } from './compact-cases.js';

const suite = `
name: mixed
defaults: { forbiddenKeywords: [sorry], trials: 3, tags: [smoke] }
vars: { shop: Acme }
cases:
  - { id: plain, userInput: hi }
  - { id: set, userInput: hi, expectedTools: [lookup], toolOrder: exact, judgeThreshold: 0.9, trials: 1, vars: { a: 1 } }
  - { id: defaults-spelled-out, userInput: hi, expectedTools: [], toolOrder: any, judgeThreshold: 0.7, tags: [] }
  - { id: judged, userInput: hi, expectedBehavior: answers politely, checks: [{ type: containsAny, value: [hi] }] }
`;

describe('compactCase / expandCase', () => {
  it('round-trip every parsed case exactly, through JSON', () => {
    const { suite: parsed } = parseSuiteText(suite, 'mixed.suite.yaml');
    for (const testCase of parsed.cases) {
      const compact = JSON.parse(JSON.stringify(compactCase(testCase)));
      expect(expandCase(compact)).toEqual(testCase);
    }
  });

  it('leave out only what holds its built-in value', () => {
    const { suite: parsed } = parseSuiteText(suite, 'mixed.suite.yaml');
    expect(compactCase(parsed.cases[0] as object)).toEqual({
      id: 'plain',
      userInput: 'hi',
      forbiddenKeywords: ['sorry'],
      tags: ['smoke'],
      vars: { shop: 'Acme' },
      trials: 3,
    });
  });
});
