/** Stable error codes of the pipeline orchestrator (`runPipeline`) and its stages. */
export const PipelineErrorCode = {
  invalidStages: 'AGENT_CICD_PIPELINE_STAGES_INVALID',
  unknownStage: 'AGENT_CICD_PIPELINE_STAGE_UNKNOWN',
  invalidOptions: 'AGENT_CICD_PIPELINE_OPTIONS_INVALID',
  recursive: 'AGENT_CICD_PIPELINE_RECURSIVE',
  invalidRunId: 'AGENT_CICD_PIPELINE_RUN_ID_INVALID',
} as const;
