/** Any Kubernetes object as read from the user's YAML or `kubectl get -o json`. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Where an object came from: a file and the index of the YAML document in it. */
export interface SourcedObject {
  object: KubeObject;
  file: string;
  line: number;
}

/** Server-written fields dropped before an object read from the cluster is used as a template. */
const serverMetadata = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
  'ownerReferences',
] as const;
const serverAnnotations = ['kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision'];

/** A deep copy without `status` and without the fields the API server writes (uid, resourceVersion, …). */
export function templateOf<T extends KubeObject>(object: T): T {
  const copy = structuredClone(object) as T & { status?: unknown };
  delete copy.status;
  for (const field of serverMetadata) delete copy.metadata[field];
  if (copy.metadata.annotations) {
    for (const key of serverAnnotations) delete copy.metadata.annotations[key];
    if (Object.keys(copy.metadata.annotations).length === 0) delete copy.metadata.annotations;
  }
  return copy;
}
