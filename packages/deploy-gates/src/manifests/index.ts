// `@agent-cicd/deploy-gates/manifests`: Kubernetes objects derived for rollouts, and traffic routers.

export type { DeploymentManifestOptions } from '../rollout/manifests.js';
export { deploymentManifest, releaseAnnotation, serviceManifest } from '../rollout/manifests.js';
export type { GatewayApiRouterOptions } from '../routers/gateway-api-router.js';
export { createGatewayApiRouter, httpRouteManifest, httpRouteResource } from '../routers/gateway-api-router.js';
export type { NginxCanaryRouterOptions } from '../routers/nginx-canary-router.js';
export {
  createNginxCanaryRouter,
  nginxCanaryAnnotation,
  nginxCanaryIngress,
  nginxCanaryWeightAnnotation,
} from '../routers/nginx-canary-router.js';
export type { TrafficRouter } from '../routers/traffic-router.js';
export { deriveCanaryIngress } from './derive-canary-ingress.js';
export type { DeriveDeploymentChanges } from './derive-deployment.js';
export { asDeployment, deriveDeployment, pickContainer } from './derive-deployment.js';
export { deriveService, serviceSelector } from './derive-service.js';
export type { KubeObject, SourcedObject } from './kube-object.js';
export { templateOf } from './kube-object.js';
export { findObject, loadManifests, maxManifestBytes, parseManifests } from './load-manifests.js';
