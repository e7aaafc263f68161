import type { Kubectl, KubeManifest } from '../kubectl/create-kubectl.js';
import { releaseAnnotation } from '../rollout/manifests.js';
import { assertDnsLabel, assertDnsSubdomain } from '../validate/validate.js';
import type { ReleaseBundle } from './release-bundle.js';
import { releaseEnvFrom } from './release-env-from.js';

/** Name of the (immutable) ConfigMap holding one release's prompt, model and tool settings. */
export const releaseConfigMapName = (app: string, release: ReleaseBundle): string =>
  assertDnsSubdomain(`${app}-config-${release.id}`, 'ConfigMap name');

/**
 * The release's agent settings as environment variables (the pods read them with `envFrom`), plus the whole
 * bundle as `release.json`. Immutable: a release's config never changes under running pods.
 */
export function releaseConfigMap(app: string, release: ReleaseBundle): KubeManifest {
  const env: Record<string, string> = {
    AGENT_RELEASE: release.id,
    AGENT_PROMPT_NAME: release.prompt.name,
    AGENT_PROMPT_VERSION: release.prompt.version,
    AGENT_PROMPT_HASH: release.prompt.hash,
    AGENT_LLM_MODEL: release.model.llmModel,
    AGENT_TOOLS: JSON.stringify(release.tools),
  };
  if (release.model.llmTemperature !== undefined) env.AGENT_LLM_TEMPERATURE = String(release.model.llmTemperature);
  if (release.model.maxTokens !== undefined) env.AGENT_MAX_TOKENS = String(release.model.maxTokens);
  if (release.model.timeoutSeconds !== undefined) env.AGENT_TIMEOUT_SECONDS = String(release.model.timeoutSeconds);
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: releaseConfigMapName(app, release),
      labels: { app, 'app.kubernetes.io/managed-by': 'agent-cicd', [releaseAnnotation]: release.id },
    },
    immutable: true,
    data: { ...env, 'release.json': JSON.stringify(release) },
  };
}

export interface ApplyReleaseOptions {
  kubectl: Kubectl;
  /** App name (ConfigMap prefix). */
  app: string;
  /** Deployment to point at the release. @default app */
  deployment?: string;
  /** @default app */
  container?: string;
  release: ReleaseBundle;
  /** @default '5m' */
  timeout?: string;
}

export interface ApplyReleaseResult {
  verified: boolean;
  problems: string[];
}

/**
 * Points a Deployment at a release in one rollout: apply the release ConfigMap, then one strategic merge patch
 * sets the image, the `envFrom` ConfigMap and the release annotation together (code + prompt + model), wait for
 * the rollout, and read the Deployment back.
 */
export async function applyRelease(options: ApplyReleaseOptions): Promise<ApplyReleaseResult> {
  const { kubectl, release } = options;
  const app = assertDnsSubdomain(options.app, 'app name');
  const deployment = assertDnsSubdomain(options.deployment ?? app, 'deployment name');
  const container = assertDnsLabel(options.container ?? app, 'container name');
  const configMap = releaseConfigMap(app, release);
  await kubectl.apply(configMap);
  const envFrom = await releaseEnvFrom(kubectl, {
    deployment,
    container,
    configMap: configMap.metadata.name,
    prefix: `${app}-config-`,
  });
  await kubectl.patch(
    'deployment',
    deployment,
    {
      metadata: { annotations: { [releaseAnnotation]: release.id } },
      spec: {
        template: {
          metadata: { annotations: { [releaseAnnotation]: release.id } },
          spec: {
            containers: [{ name: container, image: release.image, envFrom }],
          },
        },
      },
    },
    'strategic',
  );
  await kubectl.rolloutStatus(deployment, { timeout: options.timeout ?? '5m' });
  const after = await kubectl.getDeployment(deployment);
  if (after === undefined) return { verified: false, problems: [] };
  const problems: string[] = [];
  if (after.images[container] !== release.image) {
    problems.push(`${deployment} runs ${after.images[container]}, expected ${release.image}`);
  }
  if (after.podAnnotations[releaseAnnotation] !== release.id) {
    problems.push(
      `${deployment} pods are annotated ${after.podAnnotations[releaseAnnotation]}, expected ${release.id}`,
    );
  }
  return { verified: problems.length === 0, problems };
}
