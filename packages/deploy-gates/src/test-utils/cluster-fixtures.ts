import { deploymentManifest, serviceManifest } from '../rollout/manifests.js';
import type { FakeState } from './fake-binaries.js';

export const digestA = `ghcr.io/acme/agent@sha256:${'a'.repeat(64)}`;
export const digestB = `ghcr.io/acme/agent@sha256:${'b'.repeat(64)}`;

/** A cluster where Service `agent` sends traffic to `agent-blue` (2 ready replicas of digestA). */
export function blueLiveState(): Partial<FakeState> {
  const blue = deploymentManifest({
    name: 'agent-blue',
    labels: { app: 'agent', color: 'blue' },
    image: digestA,
    replicas: 2,
  });
  return {
    objects: {
      'deployment/agent-blue': {
        ...blue,
        metadata: blue.metadata,
        status: { replicas: 2, readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2 },
      },
      'service/agent': serviceManifest({ name: 'agent', selector: { app: 'agent', color: 'blue' } }),
    },
  };
}
