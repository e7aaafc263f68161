import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AgentCicdError } from '@agent-cicd/core';
import {
  assertDuration,
  createConfigMapReleaseStore,
  createDocker,
  createFileReleaseStore,
  createKubectl,
  createReleaseBundle,
  DeployErrorCode,
  type DeployMetrics,
  durationToMs,
  formatCommand,
  type Kubectl,
  parseImageReference,
  type RecordedCommand,
  type ReleaseBundle,
  type ReleaseStore,
} from '@agent-cicd/deploy-gates';
import type { CliIo } from '../cli-io.js';

import type { ClusterFlags } from './deploy-options.js';

/** kubectl for the flags; in dry-run every command is printed to stdout as it would run. */
export function kubectlFor(flags: ClusterFlags, io: CliIo): Kubectl {
  return createKubectl({
    ...(flags.context === undefined ? {} : { context: flags.context }),
    ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }),
    dryRun: flags.dryRun ?? false,
    env: io.env,
    onCommand: (command: RecordedCommand) => {
      if (command.dryRun) io.stdout(`${formatCommand(command)}\n`);
    },
  });
}

export function releaseStoreFor(flags: ClusterFlags, io: CliIo, kubectl: Kubectl): ReleaseStore {
  if (flags.historyFile !== undefined) return createFileReleaseStore(resolve(io.cwd, flags.historyFile));
  return createConfigMapReleaseStore({ kubectl, name: flags.historyConfigmap ?? `${flags.app}-releases` });
}

/** The image to deploy: as given when it has a digest; with `--resolve-digest`, the pushed digest from docker. */
export async function imageFor(
  flags: { image: string; resolveDigest?: boolean; dryRun?: boolean },
  io: CliIo,
): Promise<string> {
  const reference = parseImageReference(flags.image);
  if (reference.digest !== undefined || !flags.resolveDigest) return flags.image;
  const docker = createDocker({
    dryRun: flags.dryRun ?? false,
    env: io.env,
    onCommand: (command) => {
      if (command.dryRun) io.stdout(`${formatCommand(command)}\n`);
    },
  });
  return (await docker.resolveDigest(flags.image)) ?? flags.image;
}

/**
 * Reads a release file (prompt, model, tools; optional id, gitSha, notes) and binds it to the image being
 * deployed. The image must be a digest: a release pins exactly what runs.
 */
export async function loadRelease(file: string, image: string): Promise<ReleaseBundle> {
  const { loadSourceFile } = await import('@agent-cicd/core/source');
  const raw = (await loadSourceFile(file)).value;
  const fields = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  if (fields.image !== undefined && fields.image !== image) {
    throw new AgentCicdError(
      DeployErrorCode.invalidInput,
      `release image ${String(fields.image)} differs from --image`,
      {
        location: { file, path: 'image' },
      },
    );
  }
  try {
    return createReleaseBundle({ ...(fields as object), image } as Parameters<typeof createReleaseBundle>[0]);
  } catch (cause) {
    const issue = (cause as { issues?: { message: string; path: PropertyKey[] }[] }).issues?.[0];
    throw new AgentCicdError(DeployErrorCode.invalidInput, `invalid release: ${issue?.message ?? String(cause)}`, {
      cause,
      location: { file, ...(issue?.path.length ? { path: issue.path.join('.') } : {}) },
    });
  }
}

/** Writes the metrics exposition (for node_exporter's textfile collector or a Pushgateway upload). */
export async function writeMetrics(file: string | undefined, io: CliIo, metrics: DeployMetrics): Promise<void> {
  if (file !== undefined) await writeFile(resolve(io.cwd, file), await metrics.metrics());
}

/** Parses `5,25,50,100`. */
export function parseSteps(value: string): number[] {
  const steps = value.split(',').map((part) => Number(part.trim()));
  if (steps.some((step) => !Number.isInteger(step))) {
    throw new AgentCicdError(DeployErrorCode.invalidInput, `--steps must be comma-separated integers, got "${value}"`);
  }
  return steps;
}

/** Parses `30s`/`2m`/`1h30m` into milliseconds. */
export function parseDurationMs(value: string, flag: string): number {
  return durationToMs(assertDuration(value, flag));
}

export function parseCount(value: string, flag: string, min = 0): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < min) {
    throw new AgentCicdError(DeployErrorCode.invalidInput, `${flag} must be an integer ≥ ${min}, got "${value}"`);
  }
  return count;
}
