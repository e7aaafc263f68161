import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Service } from 'kubernetes-models/v1/Service';
import { describe, expect, it } from 'vitest';
import { digestA } from '../test-utils/cluster-fixtures.js';
import { deploymentManifest, serviceManifest } from './manifests.js';

// kubernetes-models declares node>=22 in engines; these tests show its validators run on our Node 20 floor.
describe('generated manifests pass the Kubernetes OpenAPI schemas (kubernetes-models)', () => {
  it('Deployment', () => {
    const manifest = deploymentManifest({
      name: 'agent-green',
      labels: { app: 'agent', color: 'green' },
      image: digestA,
      replicas: 0,
      release: 'r-20261126-1',
      configMap: 'agent-release',
    });
    expect(() => new Deployment(manifest as never).validate()).not.toThrow();
  });

  it('Service', () => {
    const manifest = serviceManifest({ name: 'agent', selector: { app: 'agent', color: 'blue' } });
    expect(() => new Service(manifest as never).validate()).not.toThrow();
  });

  it('the validator does catch a broken Deployment (so the checks above can fail)', () => {
    const manifest = deploymentManifest({ name: 'agent', labels: { app: 'agent' }, image: digestA, replicas: 1 });
    (manifest.spec as { replicas: unknown }).replicas = 'two';
    expect(() => new Deployment(manifest as never).validate()).toThrow(/replicas/);
  });
});
