/** Stable error codes of the pipeline orchestrator (`runPipeline`) and its stages. */
export const PipelineErrorCode = {
  invalidStages: 'AGENT_CICD_PIPELINE_STAGES_INVALID',
  unknownStage: 'AGENT_CICD_PIPELINE_STAGE_UNKNOWN',
  invalidOptions: 'AGENT_CICD_PIPELINE_OPTIONS_INVALID',
  recursive: 'AGENT_CICD_PIPELINE_RECURSIVE',
} as const;

/** One-line meaning of each pipeline code. */
export const pipelineErrorCatalogue = {
  AGENT_CICD_PIPELINE_STAGES_INVALID: 'the pipeline names a stage twice or a stage that does not exist',
  AGENT_CICD_PIPELINE_STAGE_UNKNOWN: '`--from`, `--until`, `--only` or `pipeline.options` names no stage',
  AGENT_CICD_PIPELINE_OPTIONS_INVALID: "a stage's `pipeline.options` break its schema, or `--from` comes after `--until`",
  AGENT_CICD_PIPELINE_RECURSIVE: 'a pipeline stage started `agent-cicd pipeline` again',
} as const satisfies Record<string, string>;
