import type { Kubectl } from '../kubectl/create-kubectl.js';
import { applyRelease } from './apply-release.js';
import type { ReleaseBundle } from './release-bundle.js';
import { findRollbackTarget, recordRelease } from './release-history.js';
import type { ReleaseStore } from './release-store.js';

export interface RollbackReleaseOptions {
  kubectl: Kubectl;
  store: ReleaseStore;
  app: string;
  deployment?: string;
  container?: string;
  /** Release id to restore; default: the previous live release. */
  to?: string;
  timeout?: string;
  now?: () => Date;
}

export interface RollbackReleaseResult {
  release: ReleaseBundle;
  from: string | undefined;
  verified: boolean;
  problems: string[];
}

/**
 * The seed's "triple rollback": restore the image, prompt and model config of an earlier release together,
 * and record the rollback in the history (only when the restored state was read back and verified).
 */
export async function rollbackRelease(options: RollbackReleaseOptions): Promise<RollbackReleaseResult> {
  const history = await options.store.load();
  const release = findRollbackTarget(history, options.to);
  const result = await applyRelease({
    kubectl: options.kubectl,
    app: options.app,
    release,
    ...(options.deployment === undefined ? {} : { deployment: options.deployment }),
    ...(options.container === undefined ? {} : { container: options.container }),
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
  });
  // Dry-run reads and changes nothing, so there is nothing verified to record.
  if (result.verified) {
    const at = (options.now ?? (() => new Date()))().toISOString();
    await options.store.save(recordRelease(history, release, { action: 'rollback', at }));
  }
  return { release, from: history.current, ...result };
}
