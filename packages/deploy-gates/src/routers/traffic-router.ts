/** Moves a percentage of traffic to the canary. Implementations: ingress-nginx annotations, Gateway API weights. */
export interface TrafficRouter {
  readonly name: string;
  /** Attaches the canary route at weight 0 (idempotent); run once before the first step. */
  prepare(): Promise<void>;
  /** Sends `weight` percent (0–100) of traffic to the canary. */
  setWeight(weight: number): Promise<void>;
  /** Reads the canary weight back from the cluster; `undefined` in dry-run. */
  currentWeight(): Promise<number | undefined>;
}
