import { z } from 'zod';

const stringMap = z.record(z.string(), z.string());
const count = z.number().int().nonnegative().default(0);

/** The parts of `kubectl get deployment -o json` we read. Absent status counts mean 0 (the API omits zeros). */
export const DeploymentObjectSchema = z.object({
  metadata: z.object({
    name: z.string(),
    labels: stringMap.default({}),
    annotations: stringMap.default({}),
  }),
  spec: z
    .object({
      // The API server always fills spec.replicas; when a hand-made object omits it the API default is 1.
      replicas: z.number().int().nonnegative().default(1),
      selector: z.object({ matchLabels: stringMap.default({}) }).default({ matchLabels: {} }),
      template: z
        .object({
          metadata: z.object({ labels: stringMap.default({}), annotations: stringMap.default({}) }).default({
            labels: {},
            annotations: {},
          }),
          spec: z.object({ containers: z.array(z.object({ name: z.string(), image: z.string().default('') })) }),
        })
        .optional(),
    })
    .default({ replicas: 1, selector: { matchLabels: {} } }),
  status: z
    .object({
      replicas: count,
      readyReplicas: count,
      updatedReplicas: count,
      availableReplicas: count,
      unavailableReplicas: count,
      observedGeneration: count,
    })
    .default({
      replicas: 0,
      readyReplicas: 0,
      updatedReplicas: 0,
      availableReplicas: 0,
      unavailableReplicas: 0,
      observedGeneration: 0,
    }),
});
export type DeploymentObject = z.infer<typeof DeploymentObjectSchema>;

/** A Deployment's state as the rollouts read it. */
export interface DeploymentState {
  name: string;
  /** Desired replicas (`spec.replicas`). */
  replicas: number;
  readyReplicas: number;
  updatedReplicas: number;
  availableReplicas: number;
  /** Container name → image. */
  images: Record<string, string>;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  podAnnotations: Record<string, string>;
}

export function toDeploymentState(object: DeploymentObject): DeploymentState {
  const containers = object.spec.template?.spec.containers ?? [];
  return {
    name: object.metadata.name,
    replicas: object.spec.replicas,
    readyReplicas: object.status.readyReplicas,
    updatedReplicas: object.status.updatedReplicas,
    availableReplicas: object.status.availableReplicas,
    images: Object.fromEntries(containers.map((c) => [c.name, c.image])),
    labels: object.metadata.labels,
    annotations: object.metadata.annotations,
    podAnnotations: object.spec.template?.metadata.annotations ?? {},
  };
}

/** The parts of `kubectl get service -o json` we read. */
export const ServiceObjectSchema = z.object({
  metadata: z.object({ name: z.string() }),
  spec: z.object({ selector: stringMap.default({}) }).default({ selector: {} }),
});
export type ServiceObject = z.infer<typeof ServiceObjectSchema>;
