import { DEFAULT_CONCURRENCY } from '../llm/provider-limiter.js';
import type { AgentCicdConfig } from './config-schema.js';

/**
 * How many model calls the config's provider takes at once: `llm.concurrency`, else the limiter's default (8).
 * Both entry points start that many cases at once unless told otherwise (`run --concurrency`, the plugin's
 * `concurrency`), so a run neither queues cases behind a free provider nor oversubscribes it.
 */
export function providerConcurrency(config: Pick<AgentCicdConfig, 'llm'>): number {
  return config.llm?.concurrency ?? DEFAULT_CONCURRENCY;
}
