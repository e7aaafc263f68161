import { relative, resolve } from 'node:path';
import { loadConfig, loadManifest } from '@agent-cicd/core';
import { z } from 'zod';
import { createReleaseBundle, type ReleaseBundle } from '../../release/release-bundle.js';
import { recordRelease } from '../../release/release-history.js';
import { createConfigMapReleaseStore, createFileReleaseStore } from '../../release/release-store.js';
import { parseImageReference } from '../../validate/image-reference.js';
import { defineStage } from '../pipeline-stage.js';
import { writeFileAtomic } from '../write-pipeline-record.js';
import { ClusterOptionsSchema, imageToDeploy, stageKubectl } from './cluster.js';

export const ProductionDeployOptionsSchema = ClusterOptionsSchema.extend({
  namespace: z.string().min(1).default('agent-prod'),
  timeout: z.string().min(1).default('10m'),
  /** The prompt the release ships (default: the manifest's only prompt, at the version prompt_regression tested). */
  prompt: z
    .object({ name: z.string().min(1), version: z.string().min(1) })
    .strict()
    .optional(),
  /** Tier whose model settings ship with the release. */
  tier: z.enum(['dev', 'staging', 'canary', 'production']).default('production'),
  /** Where the release history is kept: a ConfigMap in the cluster (default) or a file. */
  history: z.enum(['configmap', 'file']).default('configmap'),
  historyFile: z.string().min(1).default('.agent-cicd/releases.json'),
  /** The release bundle written for the record. */
  releaseFile: z.string().min(1).default('.agent-cicd/release.json'),
}).strict();

/**
 * `production_deploy`: promote — the production Deployment runs the image (set image, rollout status 10m) —
 * and record the release bundle (image digest, prompt and its hash, model settings, tools) in the release
 * history, so `agent-cicd rollback` restores all of it. In dry run the commands are printed and nothing is
 * recorded; a bundle needs a digest, so an image without one (a dry-run build) is reported, not recorded.
 */
export const productionDeployStage = defineStage({
  name: 'production_deploy',
  description: 'promote to production and record the release bundle',
  options: ProductionDeployOptionsSchema,
  async run(context) {
    const { options, cwd } = context;
    const image = imageToDeploy(context, 'production_deploy');
    const { kubectl, plan } = stageKubectl(context, options);
    await kubectl.setImage(options.app, options.container ?? options.app, image);
    await kubectl.rolloutStatus(options.app, { timeout: options.timeout });

    const { root, config } = await loadConfig({ cwd, file: context.configFile });
    const manifest = await loadManifest(resolve(root, config.manifest), { root });
    const names = Object.keys(manifest.manifest.prompts);
    const promptTier = context.shared.tier ?? 'dev';
    const tierConfig = config.tiers[options.tier];
    const name = options.prompt?.name ?? (names.length === 1 ? names[0] : undefined);
    const version =
      options.prompt?.version ??
      config.tiers[promptTier as keyof typeof config.tiers]?.promptVersion ??
      (name === undefined ? undefined : manifest.manifest.prompts[name]?.currentVersion);
    const entry =
      name === undefined || version === undefined ? undefined : manifest.manifest.prompts[name]?.versions[version];
    if (name === undefined || version === undefined || entry?.hash === undefined) {
      return {
        status: 'failed',
        summary: `no prompt to release: set pipeline.options.production_deploy.prompt { name, version } (manifest prompts: ${names.join(', ')})`,
        details: { plan: plan() },
      };
    }
    const pinned = parseImageReference(image).digest !== undefined;
    const draft = {
      prompt: { name, version, hash: entry.hash },
      model: {
        llmModel: tierConfig.llmModel,
        llmTemperature: tierConfig.llmTemperature,
        maxTokens: tierConfig.maxTokens,
        timeoutSeconds: tierConfig.timeoutSeconds,
        toolsEnabled: tierConfig.toolsEnabled,
      },
      ...(context.env.GITHUB_SHA === undefined ? {} : { gitSha: context.env.GITHUB_SHA }),
    };
    if (!pinned) {
      return {
        status: context.dryRun ? 'passed' : 'failed',
        summary: context.dryRun
          ? `dry run: ${plan().length} kubectl commands planned; release ${name}@${version} + ${image} not recorded (no digest before a real build)`
          : `${image} has no digest; a release is recorded only for a pinned image (name@sha256:…)`,
        details: { image, release: draft, plan: plan() },
      };
    }
    const release: ReleaseBundle = createReleaseBundle(
      { image, ...draft },
      { now: () => new Date(context.clock.now()) },
    );
    context.state.release = release;
    const releaseFile = resolve(cwd, options.releaseFile);
    await writeFileAtomic(releaseFile, `${JSON.stringify(release, null, 2)}\n`);
    const store =
      options.history === 'file'
        ? createFileReleaseStore(resolve(cwd, options.historyFile))
        : createConfigMapReleaseStore({ kubectl, name: `${options.app}-releases` });
    if (!context.dryRun) {
      const history = await store.load();
      await store.save(
        recordRelease(history, release, { action: 'deploy', at: new Date(context.clock.now()).toISOString() }),
      );
    }
    return {
      status: 'passed',
      summary: context.dryRun
        ? `dry run: ${plan().length} kubectl commands planned; release ${release.id} written, not recorded`
        : `released ${release.id}: ${image}, prompt ${name}@${version}; recorded in ${store.description}`,
      details: { release, plan: plan() },
      artifacts: [relative(cwd, releaseFile) || releaseFile],
    };
  },
});
