import type { Kubectl } from '../kubectl/create-kubectl.js';

interface EnvFromSource {
  configMapRef?: { name?: string };
  [key: string]: unknown;
}

/**
 * The container's `envFrom` with the release ConfigMap first and every other source of the user's kept; an
 * earlier release's ConfigMap (name starting with `prefix`) is dropped. A strategic merge patch replaces
 * `envFrom` as a whole (it has no merge key), so the patch must carry the user's entries too.
 */
export async function releaseEnvFrom(
  kubectl: Kubectl,
  options: { deployment: string; container: string; configMap: string; prefix: string },
): Promise<EnvFromSource[]> {
  const live = (await kubectl.getJson('deployment', options.deployment, { optional: true })) as
    | { spec?: { template?: { spec?: { containers?: { name: string; envFrom?: EnvFromSource[] }[] } } } }
    | undefined;
  const current = live?.spec?.template?.spec?.containers?.find((c) => c.name === options.container)?.envFrom ?? [];
  const kept = current.filter((source) => !source.configMapRef?.name?.startsWith(options.prefix));
  return [{ configMapRef: { name: options.configMap } }, ...kept];
}
