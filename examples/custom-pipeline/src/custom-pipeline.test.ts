import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PipelineRecordSchema } from '@agent-cicd/deploy-gates';
import { seedStageNames } from '@agent-cicd/deploy-gates/pipeline';
import { customStages, runCustomPipeline } from './custom-pipeline.js';

test('the custom pipeline keeps the seed stages in order, with unit_test replaced', () => {
  const stages = customStages();
  assert.deepEqual(
    stages.map((stage) => stage.name),
    [...seedStageNames],
  );
  assert.equal(stages[1]?.description, "node --test over the agent's unit tests");
});

test('it runs all eleven stages on the support agent and the replaced stage reports its test count', async () => {
  const record = PipelineRecordSchema.parse(await runCustomPipeline());
  const failed = record.stages.find((stage) => stage.status !== 'passed');
  assert.equal(failed, undefined, failed && `${failed.stage}: ${failed.summary}`);
  assert.equal(record.passed, 11);
  assert.match(record.stages[1]?.summary ?? '', /^\d+ node:test tests passed$/);
  assert.equal(record.dryRun, true);
});
