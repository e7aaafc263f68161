import { z } from 'zod';
import { InvalidInputError } from '../errors.js';
import type { Kubectl, KubeManifest } from '../kubectl/create-kubectl.js';
import { assertDnsLabel, assertDnsSubdomain, assertWeight } from '../validate/validate.js';
import type { TrafficRouter } from './traffic-router.js';

export interface GatewayApiRouterOptions {
  kubectl: Kubectl;
  /** The HTTPRoute carrying the stable backend. */
  route: string;
  stableService: string;
  canaryService: string;
  /** Port of the canary backendRef when it has to be added. @default 80 */
  port?: number;
  /** Which of the route's rules to split. @default 0 */
  ruleIndex?: number;
}

const HttpRouteSchema = z.object({
  spec: z.object({
    rules: z
      .array(
        z.object({ backendRefs: z.array(z.object({ name: z.string(), weight: z.number().optional() })).default([]) }),
      )
      .default([]),
  }),
});

/** An HTTPRoute sending all traffic of `hostnames` through `gateway` to the stable Service (a starting point). */
export function httpRouteManifest(options: {
  name: string;
  gateway: string;
  hostnames: string[];
  stableService: string;
  port?: number;
}): KubeManifest {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: assertDnsSubdomain(options.name, 'HTTPRoute name') },
    spec: {
      parentRefs: [{ name: assertDnsSubdomain(options.gateway, 'gateway name') }],
      hostnames: options.hostnames.map((host) => assertDnsSubdomain(host, 'hostname')),
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [
            { name: assertDnsLabel(options.stableService, 'service name'), port: options.port ?? 80, weight: 100 },
          ],
        },
      ],
    },
  };
}

/** The resource name kubectl needs for HTTPRoutes (fully qualified, so no other API group can shadow it). */
export const httpRouteResource = 'httproute.gateway.networking.k8s.io';

/**
 * Gateway API: the stable and canary Services are two `backendRefs` of one HTTPRoute rule, and the weights
 * (`100 - w` and `w`) are set with a JSON patch whose `test` operations pin each index to its Service name,
 * so a route edited concurrently is refused instead of mis-weighted.
 */
export function createGatewayApiRouter(options: GatewayApiRouterOptions): TrafficRouter {
  const { kubectl } = options;
  const route = assertDnsSubdomain(options.route, 'HTTPRoute name');
  const stable = assertDnsLabel(options.stableService, 'service name');
  const canary = assertDnsLabel(options.canaryService, 'service name');
  const rule = options.ruleIndex ?? 0;
  // Dry-run reads nothing, so it assumes the layout prepare() creates: stable first, canary second.
  let indices = { stable: 0, canary: 1 };
  const refsPath = `/spec/rules/${rule}/backendRefs`;

  const read = async () => {
    const json = await kubectl.getJson(httpRouteResource, route);
    if (json === undefined) return undefined;
    const refs = HttpRouteSchema.parse(json).spec.rules[rule]?.backendRefs;
    if (refs === undefined) throw new InvalidInputError(`HTTPRoute ${route} has no rule ${rule}`);
    return refs;
  };

  return {
    name: 'gateway-api',
    async prepare() {
      const refs = await read();
      if (refs === undefined) return;
      const stableIndex = refs.findIndex((ref) => ref.name === stable);
      if (stableIndex === -1) {
        throw new InvalidInputError(`HTTPRoute ${route} rule ${rule} has no backendRef for service ${stable}`);
      }
      let canaryIndex = refs.findIndex((ref) => ref.name === canary);
      if (canaryIndex === -1) {
        canaryIndex = refs.length;
        await kubectl.patch(
          httpRouteResource,
          route,
          [
            { op: 'add', path: `${refsPath}/${stableIndex}/weight`, value: 100 },
            { op: 'add', path: `${refsPath}/-`, value: { name: canary, port: options.port ?? 80, weight: 0 } },
          ],
          'json',
        );
      }
      indices = { stable: stableIndex, canary: canaryIndex };
    },
    async setWeight(weight) {
      assertWeight(weight);
      await kubectl.patch(
        httpRouteResource,
        route,
        [
          { op: 'test', path: `${refsPath}/${indices.stable}/name`, value: stable },
          { op: 'test', path: `${refsPath}/${indices.canary}/name`, value: canary },
          { op: 'add', path: `${refsPath}/${indices.stable}/weight`, value: 100 - weight },
          { op: 'add', path: `${refsPath}/${indices.canary}/weight`, value: weight },
        ],
        'json',
      );
    },
    async currentWeight() {
      const refs = await read();
      if (refs === undefined) return undefined;
      const ref = refs.find((candidate) => candidate.name === canary);
      // An absent weight means 1 in the Gateway API; an absent backendRef gets no traffic.
      return ref === undefined ? 0 : (ref.weight ?? 1);
    },
  };
}
