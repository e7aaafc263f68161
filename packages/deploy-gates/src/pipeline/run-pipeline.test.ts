import { AgentCicdError } from '@agent-cicd/core/errors';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { insertStage, removeStages, replaceStage } from './configure-stages.js';
import { PipelineRecordSchema } from './pipeline-record.js';
import { type AnyPipelineStage, defineStage, type PipelineClock } from './pipeline-stage.js';
import { renderPipelineMarkdown } from './render-pipeline-markdown.js';
import { runPipeline } from './run-pipeline.js';

/** A clock that advances only when a stage "works" (sleep), so durations are exact. */
function fakeClock(): PipelineClock {
  let now = Date.parse('2026-11-29T12:00:00Z');
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  };
}

function stage(name: string, status: 'passed' | 'failed' = 'passed', ms = 1000): AnyPipelineStage {
  return defineStage({
    name,
    async run({ clock, state }) {
      await clock.sleep(ms);
      state.approvedBy = `${state.approvedBy ?? ''}${name};`;
      return { status, summary: `${name} ${status}`, artifacts: [`${name}.txt`] };
    },
  });
}

const base = (stages: AnyPipelineStage[], extra = {}) =>
  runPipeline({ stages, cwd: '/tmp', env: {}, clock: fakeClock(), runId: 'r1', ...extra });

describe('runPipeline', () => {
  it('redacts secrets from stage results and log lines (values of secret variables, provider keys, key formats)', async () => {
    const env = { OPENAI_API_KEY: 'sk-live-abcdefghijklmnop1234', SHOP_TOKEN: 'shop-token-value-42' };
    const lines: string[] = [];
    const leaky = defineStage({
      name: 'unit_test',
      async run({ log }) {
        log(`using ${env.SHOP_TOKEN}`);
        return {
          status: 'failed',
          summary: `tests failed with key ${env.OPENAI_API_KEY}`,
          details: { output: `token=${env.SHOP_TOKEN} other=sk-ant-api03-zzzzzzzzzzzzzzzzzzzzzzzz` },
        };
      },
    });
    const record = await base([leaky], { env, secretVariables: ['SHOP_TOKEN'], log: (l: string) => lines.push(l) });
    const text = JSON.stringify(record) + renderPipelineMarkdown(record) + lines.join('\n');
    for (const secret of [env.OPENAI_API_KEY, env.SHOP_TOKEN, 'sk-ant-api03-zzzzzzzzzzzzzzzzzzzzzzzz']) {
      expect(text).not.toContain(secret);
    }
    expect(record.stages[0]?.summary).toContain('[REDACTED]');
  });

  it('runs the stages in order and records each one with its duration and artifacts', async () => {
    const seen: string[] = [];
    const record = await base([stage('a'), stage('b', 'passed', 2500)], {
      onStage: (r: { stage: string }) => seen.push(r.stage),
    });
    expect(PipelineRecordSchema.parse(record)).toEqual(record);
    expect(record).toMatchObject({ status: 'passed', exitCode: 0, passed: 2, runId: 'r1', durationSeconds: 3.5 });
    expect(record.stages.map((r) => [r.stage, r.status, r.durationSeconds, r.artifacts])).toEqual([
      ['a', 'passed', 1, ['a.txt']],
      ['b', 'passed', 2.5, ['b.txt']],
    ]);
    expect(seen).toEqual(['a', 'b']);
  });

  it('stops at the first failure and marks the rest skipped; the report shows it', async () => {
    const record = await base([stage('a'), stage('b', 'failed'), stage('c')]);
    expect(record.stages.map((r) => `${r.stage}:${r.status}:${r.summary}`)).toEqual([
      'a:passed:a passed',
      'b:failed:b failed',
      'c:skipped:not run: b failed',
    ]);
    expect(record).toMatchObject({ status: 'failed', exitCode: 1, passed: 1 });
    const markdown = renderPipelineMarkdown(record);
    expect(markdown).toContain('**1 of 3 stages passed**, `b` failed');
    expect(markdown).toContain('| ❌ `b` | failed | 1.00 s | b failed |');
    expect(markdown).toContain('| ⏭️ `c` | skipped | – | not run: b failed |');
  });

  it('a stage that throws has failed, with its error code', async () => {
    const throwing = defineStage({
      name: 'boom',
      run: async () => {
        throw new AgentCicdError('AGENT_CICD_X', 'it broke');
      },
    });
    const record = await base([throwing, stage('after')]);
    expect(record.stages[0]).toMatchObject({ status: 'failed', summary: 'error[AGENT_CICD_X] it broke' });
    expect(record.stages[1]?.status).toBe('skipped');
  });

  it('--from/--until select a range; the others are reported as skipped', async () => {
    const record = await base([stage('a'), stage('b'), stage('c'), stage('d')], { from: 'b', until: 'c' });
    expect(record.stages.map((r) => `${r.stage}:${r.status}`)).toEqual([
      'a:skipped',
      'b:passed',
      'c:passed',
      'd:skipped',
    ]);
    expect(record.stages[0]?.summary).toBe('not selected (--from b)');
    await expect(base([stage('a')], { from: 'x' })).rejects.toThrow('--from x: no such stage (stages: a)');
    await expect(base([stage('a'), stage('b')], { from: 'b', until: 'a' })).rejects.toThrow('comes after');
  });

  it('validates every selected stage before running any: bad options name the config path', async () => {
    let ran = false;
    const typed = defineStage({
      name: 'typed',
      options: z.object({ command: z.string() }).strict(),
      run: async () => {
        ran = true;
        return { status: 'passed', summary: '' };
      },
    });
    const first = defineStage({
      name: 'first',
      run: async () => {
        ran = true;
        return { status: 'passed', summary: '' };
      },
    });
    await expect(
      base([first, typed], { stageOptions: { typed: { command: 3 } }, optionsSource: 'agent-cicd.config.yaml' }),
    ).rejects.toMatchObject({
      code: 'AGENT_CICD_PIPELINE_OPTIONS_INVALID',
      message: expect.stringContaining('pipeline.options.typed.command'),
    });
    await expect(base([first], { stageOptions: { nope: {} } })).rejects.toThrow('pipeline.options.nope: no such stage');
    await expect(base([first, first])).rejects.toThrow('appears twice');
    expect(ran).toBe(false);
  });

  it('refuses to start inside a pipeline run (a unit_test command that runs the pipeline again)', async () => {
    await expect(base([stage('a')], { env: { AGENT_CICD_PIPELINE_RUN: 'r0' } })).rejects.toMatchObject({
      code: 'AGENT_CICD_PIPELINE_RECURSIVE',
    });
  });

  it('stages pass state along; replace, remove and insert compose pipelines in code', async () => {
    let stages = [stage('a'), stage('b'), stage('c')];
    stages = replaceStage(stages, 'b', stage('B'));
    stages = removeStages(stages, 'c');
    stages = insertStage(stages, stage('z'), { before: 'a' });
    const record = await base(stages);
    expect(record.stages.map((r) => r.stage)).toEqual(['z', 'a', 'B']);
    expect(() => replaceStage(stages, 'nope', stage('x'))).toThrow('no stage "nope"');
  });
});
