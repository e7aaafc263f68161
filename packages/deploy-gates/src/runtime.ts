// `@agent-cicd/deploy-gates/runtime`: kubectl, docker and process runners, shell quoting, input validation.

export type { BuildOptions, BuildxOptions, Docker, DockerOptions, ImageInfo } from './docker/create-docker.js';
export { createDocker, ImageLabel } from './docker/create-docker.js';
export type { CommandRunner, CommandRunnerOptions, RecordedCommand, RunOptions } from './exec/command-runner.js';
export { createCommandRunner } from './exec/command-runner.js';
export type { ExecFn, ExecOptions, ExecResult } from './exec/exec.js';
export { execaExec } from './exec/exec.js';
export { formatCommand, shellQuote, shellQuoteArg } from './exec/shell-quote.js';
export type { Kubectl, KubectlOptions, KubeManifest, PatchType } from './kubectl/create-kubectl.js';
export { createKubectl, durationToMs } from './kubectl/create-kubectl.js';
export type { DeploymentState, ServiceObject } from './kubectl/kube-objects.js';
export type { ImageReference } from './validate/image-reference.js';
export { assertImageReference, digestReference, parseImageReference } from './validate/image-reference.js';
export {
  assertContextName,
  assertDnsLabel,
  assertDnsSubdomain,
  assertDuration,
  assertLabelKey,
  assertLabelValue,
  assertReplicas,
  assertWeight,
} from './validate/validate.js';
