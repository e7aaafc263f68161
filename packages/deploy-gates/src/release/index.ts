// `@agent-cicd/deploy-gates/releases`: release bundles (image + prompt + model config + tools), their ConfigMap,
// the release history and its stores (ConfigMap or file), `rollbackRelease`, and GitOps (a release as a commit
// to your kustomization, rollback as its revert).

export type { GitopsPlan, GitopsReleaseOptions, GitopsResult, GitopsRevertOptions } from '../gitops/gitops-release.js';
export { releaseToGitops, revertGitopsRelease } from '../gitops/gitops-release.js';
export type { ApplyReleaseOptions, ApplyReleaseResult } from './apply-release.js';
export { applyRelease, releaseConfigMap, releaseConfigMapName } from './apply-release.js';
export { loadReleaseFile } from './load-release-file.js';
export type { ReleaseBundle, ReleaseBundleInput } from './release-bundle.js';
export { createReleaseBundle, ReleaseBundleSchema } from './release-bundle.js';
export type { ReleaseEvent, ReleaseHistory } from './release-history.js';
export {
  emptyReleaseHistory,
  findRollbackTarget,
  ReleaseEventSchema,
  ReleaseHistorySchema,
  recordRelease,
} from './release-history.js';
export type { ReleaseStore } from './release-store.js';
export { createConfigMapReleaseStore, createFileReleaseStore } from './release-store.js';
export type { RollbackReleaseOptions, RollbackReleaseResult } from './rollback-release.js';
export { rollbackRelease } from './rollback-release.js';
