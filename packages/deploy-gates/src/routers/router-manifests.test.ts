import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import { createKubectl } from '../kubectl/create-kubectl.js';
import { httpRouteManifest } from './gateway-api-router.js';
import { createNginxCanaryRouter, nginxCanaryIngress } from './nginx-canary-router.js';

describe('router manifests pass the upstream schemas', () => {
  it('the ingress-nginx canary Ingress', () => {
    const manifest = nginxCanaryIngress(
      { ingress: 'agent', host: 'agent.example.com', canaryService: 'agent-canary' },
      5,
    );
    expect(manifest.metadata.annotations).toEqual({
      'nginx.ingress.kubernetes.io/canary': 'true',
      'nginx.ingress.kubernetes.io/canary-weight': '5',
    });
    expect(() => new Ingress(manifest as never).validate()).not.toThrow();
  });

  it('the starting HTTPRoute (Gateway API v1)', () => {
    const manifest = httpRouteManifest({
      name: 'agent',
      gateway: 'public',
      hostnames: ['agent.example.com'],
      stableService: 'agent',
    });
    expect(() => new HTTPRoute(manifest as never).validate()).not.toThrow();
    const broken = { ...manifest, spec: { rules: [{ backendRefs: [{ name: 'agent', weight: 'half' }] }] } };
    expect(() => new HTTPRoute(broken as never).validate()).toThrow(/weight/);
  });

  it('refuses weights outside 0..100 before running kubectl', async () => {
    const calls: string[][] = [];
    const kubectl = createKubectl({
      exec: async (file, args) => {
        calls.push([file, ...args]);
        return { stdout: '', stderr: '', exitCode: 0, timedOut: false };
      },
    });
    const router = createNginxCanaryRouter({
      kubectl,
      ingress: 'agent',
      host: 'agent.example.com',
      canaryService: 'agent-canary',
    });
    await expect(router.setWeight(150)).rejects.toBeInstanceOf(InvalidInputError);
    expect(calls).toEqual([]);
  });
});
