import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AgentCicdError } from '@agent-cicd/core/errors';
import { z } from 'zod';
import { createDocker } from '../../docker/create-docker.js';
import type { RecordedCommand } from '../../exec/command-runner.js';
import { parseImageReference } from '../../validate/image-reference.js';
import { defineStage } from '../pipeline-stage.js';

export const BuildImageOptionsSchema = z
  .object({
    /** Repository without tag, e.g. `ghcr.io/acme/support-agent`. */
    repository: z.string().min(1).default('agent'),
    /** Tag (default: `$GITHUB_SHA`, else the run id). */
    tag: z.string().min(1).optional(),
    context: z.string().min(1).default('.'),
    file: z.string().min(1).default('Dockerfile'),
    /** Push to the registry and pin the digest it returns. */
    push: z.boolean().default(true),
  })
  .strict();

/**
 * `build_image`: `docker build` (labels: git SHA), `docker push`, and the pushed image's digest pinned
 * (`repository@sha256:…`) for every later stage. In dry run the commands are printed, not run, and the image
 * stays a tag (a digest exists only after a push).
 */
export const buildImageStage = defineStage({
  name: 'build_image',
  description: 'docker build and push; the image pinned by digest',
  options: BuildImageOptionsSchema,
  async validate({ cwd, options }) {
    const dockerfile = resolve(cwd, options.context, options.file);
    const found = await access(dockerfile).then(
      () => true,
      () => false,
    );
    if (!found) {
      throw new AgentCicdError('AGENT_CICD_FILE_NOT_FOUND', 'build_image: Dockerfile not found', {
        location: { file: dockerfile },
      });
    }
  },
  async run(context) {
    const { options, env, runId } = context;
    const tag = options.tag ?? env.GITHUB_SHA?.slice(0, 12) ?? runId.toLowerCase();
    const reference = context.shared.image ?? `${options.repository}:${tag}`;
    parseImageReference(reference);
    const docker = createDocker({
      exec: context.exec,
      dryRun: context.dryRun,
      env,
      onCommand: (command: RecordedCommand) => {
        if (command.dryRun) context.log(`$ ${command.line}`);
      },
    });
    await docker.build({
      context: resolve(context.cwd, options.context),
      file: resolve(context.cwd, options.context, options.file),
      tags: [reference],
      ...(env.GITHUB_SHA === undefined ? {} : { gitSha: env.GITHUB_SHA }),
    });
    let pinned: string | undefined;
    if (options.push) {
      await docker.push(reference);
      const digest = await docker.resolveDigest(reference);
      if (digest !== undefined) pinned = digest;
      else if (!context.dryRun) {
        return {
          status: 'failed',
          summary: `pushed ${reference} but no registry digest came back; refusing to deploy a moving tag`,
          details: { image: reference },
        };
      }
    }
    context.state.image = pinned ?? reference;
    const plan = docker.runner.commands.map((command) => command.line);
    return {
      status: 'passed',
      summary: context.dryRun
        ? `dry run: ${plan.length} docker commands planned for ${reference}`
        : `built ${pinned ?? reference}`,
      details: { image: context.state.image, pinned: pinned !== undefined, plan },
      artifacts: [context.state.image],
    };
  },
});
