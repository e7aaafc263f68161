import { type Command, Option } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { AnalysisTemplateFlags, BlueGreenFlags, CanaryFlags, PromoteFlags } from './deploy-actions.js';
import { registerGitops } from './deploy-gitops.js';
import { withClusterOptions } from './deploy-options.js';
import type { CliState, RegisterCommand } from './types.js';

function withDeployOptions(command: ReturnType<typeof withClusterOptions>) {
  return command
    .requiredOption('--image <ref>', 'image to deploy; prefer name@sha256:… (validated against the OCI grammar)')
    .option('--resolve-digest', 'deploy the pushed digest of --image (docker image inspect, RepoDigests)')
    .option('--container <name>', 'container name in the pod (default: --app)')
    .option('--release <file>', 'release bundle JSON (prompt, model, tools): applied with the image and recorded')
    .option('--metrics-file <file>', 'write the deploy metrics (Prometheus text format) to this file')
    .option(
      '--manifests <path>',
      'your Kubernetes YAML (file, directory, or saved `kubectl kustomize` output): the rollout copies your Deployment and changes only name, labels, image, replicas and the release annotation',
    );
}

function registerBlueGreen(deploy: Command, io: CliIo, state: CliState): void {
  withDeployOptions(withClusterOptions(deploy.command('blue-green')))
    .description(
      'deploy to the inactive colour, wait, smoke-test, switch the Service, scale the old colour down; roll back on any failure (exit 1; 4 if the cluster failed part-way)',
    )
    .option('--service <name>', 'Service whose selector picks the live colour (default: --app)')
    .option(
      '--deployment <name>',
      'the Deployment in --manifests to copy (default: the one named --app, or the only one)',
    )
    .option('--replicas <n>', "replicas of the new colour (default: your Deployment's, else 2)")
    .option('--keep-warm <n>', 'replicas the old colour keeps after the switch (the seed keeps 1)', '1')
    .option('--color-label <key>', 'selector label holding the colour', 'color')
    .option('--smoke-url <url>', 'GET this URL after the new colour is ready; a non-2xx answer rolls back')
    // The rollout modules load on use, so --help and other subcommands do not pay for them at startup.
    .action(async (flags: BlueGreenFlags) =>
      (await import('./deploy-actions.js')).runBlueGreenDeploy(flags, io, state),
    );
}

function registerCanary(deploy: Command, io: CliIo, state: CliState): void {
  withDeployOptions(withClusterOptions(deploy.command('canary')))
    .description(
      'run <app>-canary beside the stable Deployment, shift traffic step by step with the gate deciding at each step; promote, or roll back (exit 1)',
    )
    .addOption(
      new Option('--router <router>', 'traffic router').choices(['nginx', 'gateway-api']).default('gateway-api'),
    )
    .option('--ingress <name>', 'nginx: the stable Ingress (default: --app); the canary Ingress is <ingress>-canary')
    .option('--host <host>', 'nginx, without a stable Ingress to copy: the host of the generated canary Ingress')
    .option('--path <path>', 'nginx, without a stable Ingress to copy: the path of the generated canary Ingress')
    .option('--route <name>', 'gateway-api: the HTTPRoute (default: --app)')
    .option('--stable-service <name>', 'gateway-api: the stable backend Service (default: --app)')
    .option('--steps <list>', "traffic percentages, e.g. 5,25,50,100 (default: the policy's canary.steps)")
    .requiredOption('--baseline <file>', 'run report (JSON) of the stable release; re-read at every analysis')
    .requiredOption('--candidate <file>', 'run report (JSON) of the canary; re-read at every analysis')
    .option('--policy <file>', 'gate policy (YAML or JSON); default policy without it')
    .option('--canary-metrics <file>', 'live canary outcomes (JSON), re-read at every analysis')
    .option(
      '--prometheus <url>',
      'analyse each step on live metrics from this Prometheus (tracks by the track label) instead of the reports; steerable with `agent-cicd canary`',
    )
    .option(
      '--step-budget <duration>',
      'with --prometheus: how long a step may go without a decision before rolling back',
      '10m',
    )
    .option('--track-label <label>', 'with --prometheus: the label telling canary from stable series', 'track')
    .option('--max-holds <n>', 're-analyses allowed at one step after "hold" before rolling back', '3')
    .option('--pause <duration>', 'wait before the first analysis at each step', '0s')
    .option('--hold-interval <duration>', 'wait before re-analysing after "hold"', '30s')
    .option('--canary-replicas <n>', 'replicas of <app>-canary', '1')
    .option(
      '--no-promote',
      'stop after the last step with the canary at its weight (the seed: canary at 5%, approve); finish with `deploy promote`',
    )
    .action(async (flags: CanaryFlags) => (await import('./deploy-actions.js')).runCanaryDeploy(flags, io, state));
}

function registerPromote(deploy: Command, io: CliIo, state: CliState): void {
  withClusterOptions(deploy.command('promote'))
    .description(
      'promote a canary left at its weight by `deploy canary --no-promote`: the stable Deployment takes the image (and release) in one rollout, then weight 0 and the canary scaled to 0',
    )
    .requiredOption('--image <ref>', 'the image <app>-canary runs (checked before anything changes)')
    .option('--container <name>', 'container name in the pod (default: --app)')
    .option('--release <file>', 'release bundle JSON: applied with the image and recorded in the history')
    .addOption(
      new Option('--router <router>', 'traffic router').choices(['nginx', 'gateway-api']).default('gateway-api'),
    )
    .option('--ingress <name>', 'nginx: the stable Ingress (default: --app); the canary Ingress is <ingress>-canary')
    .option('--route <name>', 'gateway-api: the HTTPRoute (default: --app)')
    .option('--stable-service <name>', 'gateway-api: the stable backend Service (default: --app)')
    .option('--metrics-file <file>', 'write the deploy metrics (Prometheus text format) to this file')
    .action(async (flags: PromoteFlags) => (await import('./deploy-actions.js')).runPromote(flags, io, state));
}

function registerAnalysisTemplate(deploy: Command, io: CliIo): void {
  deploy
    .command('analysis-template')
    .description('print an Argo Rollouts AnalysisTemplate (YAML) whose Job runs `agent-cicd gate`')
    .requiredOption('--image <ref>', 'image containing the agent-cicd CLI and access to the reports')
    .option('--name <name>', 'AnalysisTemplate name', 'agent-cicd-gate')
    .option('--policy <file>', 'default value of the policy argument', 'gates.yaml')
    .option('--service-account <name>', 'service account of the gate Job')
    .action(async (flags: AnalysisTemplateFlags) =>
      (await import('./deploy-actions.js')).printAnalysisTemplate(flags, io),
    );
}

/** `agent-cicd deploy blue-green|canary|analysis-template`. */
export const registerDeployCommand: RegisterCommand = (program, io, state) => {
  const deploy = program
    .command('deploy')
    .description(
      'roll out an agent: blue-green or canary (exit 0 deployed, 1 rolled back, 2 invalid input and nothing changed, 4 the cluster or docker failed part-way)',
    );
  registerBlueGreen(deploy, io, state);
  registerCanary(deploy, io, state);
  registerPromote(deploy, io, state);
  registerAnalysisTemplate(deploy, io);
  registerGitops(deploy, io, state);
};
