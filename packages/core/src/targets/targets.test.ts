import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCase } from '../run/run-case.js';
import { makeRunContext } from '../test-utils/make-run-context.js';
import { createScriptedLlm } from '../test-utils/scripted-llm.js';
import { createMockTools } from '../tools/create-mock-tools.js';
import { createModuleTarget, loadModuleTarget } from './load-module-target.js';
import { normalizeTargetOutput } from './normalize-target-output.js';

const baseDir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const tools = createMockTools([{ name: 'lookup', responses: [{ result: 'shipped' }] }]);

describe('normalizeTargetOutput', () => {
  it('accepts text, the seed shape and a full result', () => {
    expect(normalizeTargetOutput('hi')).toMatchObject({
      response: 'hi',
      toolCalls: [],
      tokens: { input: 0, output: 0 },
    });
    expect(normalizeTargetOutput({ response: 'ok', tools_called: ['a'], token_count: 7 })).toMatchObject({
      toolCalls: [{ name: 'a', arguments: {} }],
      tokens: { input: 0, output: 7 },
    });
    expect(
      normalizeTargetOutput({ response: 'ok', toolCalls: [{ name: 'b', arguments: { x: 1 } }], costUsd: 0.1 }),
    ).toMatchObject({
      toolCalls: [{ name: 'b', arguments: { x: 1 } }],
      costUsd: 0.1,
    });
  });

  it('rejects anything else with a readable message', () => {
    expect(() => normalizeTargetOutput(null as never)).toThrow(
      'the target returned null; expected text or an object with a string "response"',
    );
    expect(() => normalizeTargetOutput({ response: 'x', tokens: { input: -1, output: 0 } } as never)).toThrow(
      /invalid result: tokens.input/,
    );
  });
});

describe('module targets', () => {
  it('runs the user module with ctx.tools and the seed return shape', async () => {
    const target = await loadModuleTarget({ module: 'seed-agent.mjs', baseDir });
    const result = await runCase({
      testCase: {
        id: 'a',
        userInput: 'where',
        vars: { id: 'A1' },
        expectedTools: ['lookup'],
        expectedResponseKeywords: ['shipped'],
        maxTokensLimit: 20,
      },
      suite: { name: 's' },
      context: makeRunContext({ llm: createScriptedLlm([]), tools }),
      target,
    });
    expect(result.status).toBe('passed');
    expect(result.tokenCount).toBe(12);
  });

  it('accepts an object export with a run method, and names what is wrong otherwise', async () => {
    const target = await loadModuleTarget({ module: 'seed-agent.mjs', export: 'agent', baseDir });
    const context = makeRunContext({ llm: createScriptedLlm([]) });
    const result = await runCase({ testCase: { id: 'a', userInput: 'hi' }, suite: { name: 's' }, context, target });
    expect(result.responsePreview).toBe('echo hi');
    await expect(loadModuleTarget({ module: 'seed-agent.mjs', export: 'notAFunction', baseDir })).rejects.toThrow(
      /no export "notAFunction" that is a function run\(input, ctx\)/,
    );
    await expect(loadModuleTarget({ module: 'missing.mjs', baseDir })).rejects.toThrow(/cannot load the target module/);
  });

  it('a target that throws is an error trial, never a pass', async () => {
    const target = createModuleTarget(() => {
      throw new Error('database unreachable');
    });
    const result = await runCase({
      testCase: { id: 'a', userInput: 'hi' },
      suite: { name: 's' },
      context: makeRunContext({ llm: createScriptedLlm([]) }),
      target,
      trials: 2,
    });
    expect(result.status).toBe('error');
    expect(result.violations).toEqual([
      { check: 'target_error', message: 'trials 1, 2 of 2: the target threw: database unreachable', severity: 'error' },
    ]);
  });
});
