import { AgentCicdError } from '@agent-cicd/core/errors';
import { PipelineErrorCode } from './pipeline-errors.js';
import type { AnyPipelineStage } from './pipeline-stage.js';

/** The config file's `pipeline:` section. */
export interface PipelineSettings {
  /** Stage names in the order they run; a stage left out is removed. Default: every stage, in order. */
  stages?: string[] | undefined;
  /** Options per stage name. */
  options?: Record<string, Record<string, unknown>> | undefined;
}

/** Orders and removes `available` stages as the config's `pipeline.stages` lists them. */
export function configureStages(
  available: readonly AnyPipelineStage[],
  settings: PipelineSettings | undefined,
  source?: string,
): AnyPipelineStage[] {
  if (settings?.stages === undefined) return [...available];
  return settings.stages.map((name, index) => {
    const stage = available.find((candidate) => candidate.name === name);
    if (stage === undefined) {
      throw new AgentCicdError(
        PipelineErrorCode.unknownStage,
        `pipeline.stages.${index}: no stage "${name}" (stages: ${available.map((s) => s.name).join(', ')})`,
        source === undefined ? {} : { location: { file: source } },
      );
    }
    return stage;
  });
}

function indexOrThrow(stages: readonly AnyPipelineStage[], name: string): number {
  const index = stages.findIndex((stage) => stage.name === name);
  if (index < 0) {
    throw new AgentCicdError(
      PipelineErrorCode.unknownStage,
      `no stage "${name}" (stages: ${stages.map((s) => s.name).join(', ')})`,
    );
  }
  return index;
}

/** A copy of `stages` with the stage called `name` replaced by `stage`. */
export function replaceStage(
  stages: readonly AnyPipelineStage[],
  name: string,
  stage: AnyPipelineStage,
): AnyPipelineStage[] {
  const index = indexOrThrow(stages, name);
  return [...stages.slice(0, index), stage, ...stages.slice(index + 1)];
}

/** A copy of `stages` without the stages called `names`. */
export function removeStages(stages: readonly AnyPipelineStage[], ...names: string[]): AnyPipelineStage[] {
  for (const name of names) indexOrThrow(stages, name);
  return stages.filter((stage) => !names.includes(stage.name));
}

/** A copy of `stages` with `stage` inserted right after (or before) the stage called `anchor`. */
export function insertStage(
  stages: readonly AnyPipelineStage[],
  stage: AnyPipelineStage,
  where: { after: string } | { before: string },
): AnyPipelineStage[] {
  const index = 'after' in where ? indexOrThrow(stages, where.after) + 1 : indexOrThrow(stages, where.before);
  return [...stages.slice(0, index), stage, ...stages.slice(index)];
}
