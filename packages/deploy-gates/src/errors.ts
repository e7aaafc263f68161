import { AgentCicdError, type SourceLocation } from '@agent-cicd/core';
import { gateErrorCatalogue } from './gate-errors.js';
import { pipelineErrorCatalogue } from './pipeline/pipeline-errors.js';

/** Stable error codes raised by `@agent-cicd/deploy-gates`. */
export const DeployErrorCode = {
  invalidInput: 'AGENT_CICD_DEPLOY_INVALID_INPUT',
  commandFailed: 'AGENT_CICD_COMMAND_FAILED',
  commandTimeout: 'AGENT_CICD_COMMAND_TIMEOUT',
  commandNotFound: 'AGENT_CICD_COMMAND_NOT_FOUND',
  unexpectedOutput: 'AGENT_CICD_COMMAND_OUTPUT_INVALID',
  rolloutFailed: 'AGENT_CICD_ROLLOUT_FAILED',
  releaseNotFound: 'AGENT_CICD_RELEASE_NOT_FOUND',
  releaseHistoryInvalid: 'AGENT_CICD_RELEASE_HISTORY_INVALID',
  manifestInvalid: 'AGENT_CICD_KUBE_MANIFEST_INVALID',
  partialChange: 'AGENT_CICD_DEPLOY_PARTIAL',
} as const;

/** One-line meaning of each code (docs/errors.md is generated from catalogues like this one). */
export const deployErrorCatalogue: Record<(typeof DeployErrorCode)[keyof typeof DeployErrorCode], string> = {
  AGENT_CICD_DEPLOY_INVALID_INPUT:
    'a deploy/rollback flag, name, URL, image or release file is invalid; nothing was changed (exit 2)',
  AGENT_CICD_COMMAND_FAILED: 'a kubectl or docker command exited non-zero; its first stderr line is shown',
  AGENT_CICD_COMMAND_TIMEOUT: 'a kubectl or docker command ran past its timeout and was stopped',
  AGENT_CICD_COMMAND_NOT_FOUND: 'kubectl or docker is not on PATH',
  AGENT_CICD_COMMAND_OUTPUT_INVALID: 'kubectl or docker printed something other than the JSON asked for',
  AGENT_CICD_ROLLOUT_FAILED: 'a rollout step failed or the final state read back differs from the plan',
  AGENT_CICD_RELEASE_NOT_FOUND: 'rollback --to names a release the history does not hold, or there is no earlier one',
  AGENT_CICD_RELEASE_HISTORY_INVALID: 'the release history (ConfigMap or file) is not valid JSON of the history schema',
  AGENT_CICD_KUBE_MANIFEST_INVALID:
    'a --manifests file holds something that is not a Kubernetes object, a kustomization that must be rendered first, or lacks the Deployment/Service/Ingress needed; nothing was changed (exit 2)',
  AGENT_CICD_DEPLOY_PARTIAL:
    'the cluster or docker failed part-way and the previous state could not be restored and verified; the output lists what was changed and how to recover (exit 4)',
};

/**
 * The error catalogue of `@agent-cicd/deploy-gates`: every code it raises with its one-line meaning (deploy and
 * rollouts, the gate, the pipeline). docs/errors.md is generated from it (`npm run docs:errors`).
 */
export const deployGatesErrorCatalogue = {
  ...deployErrorCatalogue,
  ...gateErrorCatalogue,
  ...pipelineErrorCatalogue,
} as const;

/** A name, namespace, label or image reference that would be unsafe or invalid to pass on. */
export class InvalidInputError extends AgentCicdError {
  constructor(message: string, options: { cause?: unknown; location?: SourceLocation } = {}) {
    super(DeployErrorCode.invalidInput, message, options);
    this.name = 'InvalidInputError';
  }
}

/** A `kubectl`/`docker` invocation that failed, timed out or could not start; carries its stderr. */
export class CommandError extends AgentCicdError {
  readonly argv: readonly string[];
  readonly exitCode: number | undefined;
  readonly stderr: string;
  readonly timedOut: boolean;

  constructor(
    code: string,
    message: string,
    details: { argv: readonly string[]; exitCode?: number; stderr?: string; timedOut?: boolean; cause?: unknown },
  ) {
    super(code, message, details.cause === undefined ? {} : { cause: details.cause });
    this.name = 'CommandError';
    this.argv = details.argv;
    this.exitCode = details.exitCode;
    this.stderr = details.stderr ?? '';
    this.timedOut = details.timedOut ?? false;
  }
}

/** A rollout step failed; `rolledBack` says whether the rollback ran and was verified. */
export class RolloutError extends AgentCicdError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(DeployErrorCode.rolloutFailed, message, options);
    this.name = 'RolloutError';
  }
}

/** The release history has no release with the requested id, or no previous release. */
export class ReleaseNotFoundError extends AgentCicdError {
  constructor(message: string) {
    super(DeployErrorCode.releaseNotFound, message);
    this.name = 'ReleaseNotFoundError';
  }
}

// The entry point `@agent-cicd/deploy-gates/errors` is this file: every code, catalogue and error class.
export { GateErrorCode } from './gate-errors.js';
export { PipelineErrorCode, pipelineErrorCatalogue } from './pipeline/pipeline-errors.js';
