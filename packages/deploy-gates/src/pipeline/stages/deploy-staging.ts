import { z } from 'zod';
import { defineStage } from '../pipeline-stage.js';
import { ClusterOptionsSchema, imageToDeploy, stageKubectl } from './cluster.js';

export const DeployStagingOptionsSchema = ClusterOptionsSchema.extend({
  namespace: z.string().min(1).default('agent-staging'),
  /** The staging service's base URL, handed to e2e_test as `STAGING_URL`. */
  url: z.url().optional(),
}).strict();

/**
 * `deploy_staging`: the seed's staging job — `kubectl set image` on the staging Deployment, then
 * `kubectl rollout status` (default 5m). In dry run the commands are printed.
 */
export const deployStagingStage = defineStage({
  name: 'deploy_staging',
  description: 'set the image on the staging Deployment and wait for its rollout',
  options: DeployStagingOptionsSchema,
  async run(context) {
    const { options } = context;
    const image = imageToDeploy(context, 'deploy_staging');
    const { kubectl, plan } = stageKubectl(context, options);
    await kubectl.setImage(options.app, options.container ?? options.app, image);
    await kubectl.rolloutStatus(options.app, { timeout: options.timeout });
    const url = options.url ?? context.env.STAGING_URL;
    if (url !== undefined) context.state.stagingUrl = url;
    return {
      status: 'passed',
      summary: context.dryRun
        ? `dry run: ${plan().length} kubectl commands planned (${options.namespace}/${options.app} → ${image})`
        : `${options.namespace}/${options.app} runs ${image}${url ? ` at ${url}` : ''}`,
      details: { namespace: options.namespace, app: options.app, image, plan: plan(), ...(url ? { url } : {}) },
    };
  },
});
