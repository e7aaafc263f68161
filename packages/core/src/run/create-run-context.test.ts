import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPromptBytes } from '../prompts/hash-prompt.js';
import { createRunContext } from './create-run-context.js';
import { runCase } from './run-case.js';

function project(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'agent-cicd-context-'));
  writeFileSync(join(dir, 'agent-cicd.config.yaml'), config);
  writeFileSync(
    join(dir, 'model.mock.yaml'),
    'rules:\n  - when: { toolResult: true }\n    respond: "Found: {{toolResult}}"\n  - respond: { toolCalls: [{ name: search, arguments: { q: "{{input}}" } }] }\n',
  );
  writeFileSync(
    join(dir, 'tools.yaml'),
    'tools:\n  - name: search\n    parameters: { type: object, properties: { q: { type: string } } }\n    responses: [{ result: hit }]\n  - name: admin\n    responses: [{ result: ok }]\n',
  );
  const prompt = 'You help with {{topic}}.';
  writeFileSync(join(dir, 'p.md'), prompt);
  writeFileSync(
    join(dir, 'manifest.yaml'),
    `prompts:\n  qa:\n    versions:\n      v1: { path: p.md, hash: "${hashPromptBytes(prompt)}" }\n`,
  );
  return dir;
}

const base = 'manifest: manifest.yaml\nmock: { script: model.mock.yaml, tools: tools.yaml }\n';

describe('createRunContext', () => {
  it('gives the dev tier the mock LLM, mock tools limited to toolsEnabled, and a prompt target from the manifest', async () => {
    const cwd = project(`${base}tiers:\n  dev: { toolsEnabled: [search] }\n`);
    const context = await createRunContext({ cwd, env: {} });
    expect(context.tier).toBe('dev');
    expect(context.llm.provider).toBe('mock');
    expect(context.tools.definitions.map((tool) => tool.name)).toEqual(['search']);
    expect(context.judge).toBeDefined();
    const result = await runCase({
      testCase: {
        id: 'a',
        userInput: 'cats',
        vars: { topic: 'pets' },
        expectedTools: ['search'],
        expectedResponseKeywords: ['hit'],
      },
      suite: { name: 's', prompt: { name: 'qa', version: 'v1' } },
      context,
    });
    expect(result.status).toBe('passed');
    expect(result.trials[0]?.toolsCalled).toEqual([{ name: 'search', arguments: { q: 'cats' } }]);
  });

  it('takes the tier from AGENT_CICD_TIER and needs a key variable for real providers', async () => {
    const cwd = project(`${base}llm: { apiKeyEnv: MY_KEY }\n`);
    await expect(createRunContext({ cwd, env: { AGENT_CICD_TIER: 'staging' } })).rejects.toThrow(
      'the staging tier: set MY_KEY to use the openai provider with model gpt-4o (from llm.apiKeyEnv)',
    );
    const context = await createRunContext({ cwd, env: { AGENT_CICD_TIER: 'staging', MY_KEY: 'k' }, judge: false });
    expect(context.tier).toBe('staging');
    expect(context.llm.provider).toBe('openai');
    expect(context.settings.model).toBe('gpt-4o');
    expect(context.skipJudge).toBe(true);
    expect(context.concurrency).toBe(8);
    const limited = await createRunContext({ cwd: project(`${base}llm: { concurrency: 50 }\n`), env: {} });
    expect(limited.concurrency).toBe(50);
  });

  it('reads the default key variable, and needs none for an OpenAI-compatible baseUrl', async () => {
    const staging = { AGENT_CICD_TIER: 'staging' };
    await expect(createRunContext({ cwd: project(base), env: staging, judge: false })).rejects.toMatchObject({
      code: 'AGENT_CICD_LLM_API_KEY_MISSING',
    });
    const keyed = await createRunContext({
      cwd: project(base),
      env: { ...staging, OPENAI_API_KEY: 'k' },
      judge: false,
    });
    expect(keyed.llm.provider).toBe('openai');
    const ollama = project(`${base}llm: { baseUrl: "http://127.0.0.1:11434/v1" }\n`);
    const keyless = await createRunContext({ cwd: ollama, env: staging, judge: false });
    expect(keyless.llm.provider).toBe('openai');
    const replay = await createRunContext({ cwd: project(base), env: { ...staging, AGENT_CICD_CASSETTE: 'replay' } });
    expect(replay.llm.provider).toBe('openai');
  });

  it('says when the dev tier has no mock script', async () => {
    const cwd = project('manifest: manifest.yaml\n');
    await expect(createRunContext({ cwd, env: {} })).rejects.toThrow(/uses the mock LLM but no mock script is set/);
  });
});
