/** Stable error codes of the pipeline orchestrator (`runPipeline`) and its stages. */
export const PipelineErrorCode = {
  invalidStages: 'AGENT_CICD_PIPELINE_STAGES_INVALID',
  unknownStage: 'AGENT_CICD_PIPELINE_STAGE_UNKNOWN',
  invalidOptions: 'AGENT_CICD_PIPELINE_OPTIONS_INVALID',
  recursive: 'AGENT_CICD_PIPELINE_RECURSIVE',
  invalidRunId: 'AGENT_CICD_PIPELINE_RUN_ID_INVALID',
  invalidApproval: 'AGENT_CICD_PIPELINE_APPROVAL_INVALID',
} as const;

/** One-line meaning of each code (docs/errors.md is generated from catalogues like this one). */
export const pipelineErrorCatalogue: Record<(typeof PipelineErrorCode)[keyof typeof PipelineErrorCode], string> = {
  AGENT_CICD_PIPELINE_STAGES_INVALID: 'a pipeline lists the same stage twice; nothing ran (exit 2)',
  AGENT_CICD_PIPELINE_STAGE_UNKNOWN:
    '`--from`, `--until`, `pipeline.stages` or `pipeline.options` names no stage of the pipeline; nothing ran (exit 2)',
  AGENT_CICD_PIPELINE_OPTIONS_INVALID:
    "a stage's options (`pipeline.options.<stage>`) break its schema; the message names the path; nothing ran (exit 2)",
  AGENT_CICD_PIPELINE_RECURSIVE:
    'the pipeline was started from inside one of its own stages (a `unit_test` command that runs the pipeline)',
  AGENT_CICD_PIPELINE_RUN_ID_INVALID: '`agent-cicd approve` got a run id a pipeline never prints',
  AGENT_CICD_PIPELINE_APPROVAL_INVALID:
    'an approval file (`.agent-cicd/approvals/<run>.json`) is not one `agent-cicd approve` writes, or approves another run; it is no approval',
};
