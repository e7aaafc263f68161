import { z } from 'zod';
import type { RecordedCommand } from '../../exec/command-runner.js';
import { createKubectl, type Kubectl } from '../../kubectl/create-kubectl.js';
import type { PipelineContext } from '../pipeline-stage.js';

/** Where a deploy stage's Deployment lives. */
export const ClusterOptionsSchema = z.object({
  /** The Deployment (and container, unless `container` is set). */
  app: z.string().min(1).default('agent'),
  namespace: z.string().min(1).optional(),
  /** kubeconfig context. */
  context: z.string().min(1).optional(),
  container: z.string().min(1).optional(),
  /** `kubectl rollout status --timeout`. */
  timeout: z.string().min(1).default('5m'),
});
export type ClusterOptions = z.output<typeof ClusterOptionsSchema>;

/** A kubectl for one stage: dry-run prints its plan through `log`; `plan()` lists the command lines. */
export function stageKubectl(
  context: PipelineContext,
  options: ClusterOptions,
): { kubectl: Kubectl; plan: () => string[] } {
  const kubectl = createKubectl({
    exec: context.exec,
    dryRun: context.dryRun,
    env: context.env,
    ...(options.context === undefined ? {} : { context: options.context }),
    ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
    onCommand: (command: RecordedCommand) => {
      if (command.dryRun) context.log(`$ ${command.line}`);
    },
  });
  return { kubectl, plan: () => kubectl.runner.commands.map((command) => command.line) };
}

/** The image the deploy stages roll out: `--image`, else what build_image built. */
export function imageToDeploy(context: PipelineContext, stage: string): string {
  const image = context.state.image ?? context.shared.image;
  if (image === undefined) {
    throw new Error(`${stage} has no image: run build_image before it, or pass --image`);
  }
  return image;
}
