import { AgentCicdError } from '@agent-cicd/core';
import { GateErrorCode } from '../gate-errors.js';

/** Equality label matchers that pick one track's series, e.g. `{ app: 'support-agent', track: 'canary' }`. */
export type LabelMatchers = Record<string, string>;

/** How the canary's and the stable release's series are told apart. */
export interface TrackSelectors {
  canary: LabelMatchers;
  stable: LabelMatchers;
}

export interface TrackSelectorOptions {
  /** Matchers both tracks share, e.g. `{ app: 'support-agent', namespace: 'prod' }`. */
  common?: LabelMatchers;
  /** The label that differs: `track` (our metrics), or a colour/version label such as `color`. @default 'track' */
  label?: string;
  /** @default 'canary' */
  canary?: string;
  /** @default 'stable' */
  stable?: string;
}

const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Selectors by track (`track="canary"` vs `track="stable"`, the default) or by any other label, e.g. blue-green
 * colours: `trackSelectors({ label: 'color', canary: 'green', stable: 'blue' })`.
 */
export function trackSelectors(options: TrackSelectorOptions = {}): TrackSelectors {
  const label = options.label ?? 'track';
  const selectors = {
    canary: { ...options.common, [label]: options.canary ?? 'canary' },
    stable: { ...options.common, [label]: options.stable ?? 'stable' },
  };
  renderMatchers(selectors.canary);
  renderMatchers(selectors.stable);
  return selectors;
}

/** `{ app: 'a', track: 'canary' }` → `app="a",track="canary"` (values escaped; names checked). */
export function renderMatchers(matchers: LabelMatchers): string {
  return Object.entries(matchers)
    .map(([name, value]) => {
      if (!labelName.test(name) || name.startsWith('__')) {
        throw new AgentCicdError(GateErrorCode.queryInvalid, `"${name}" is not a Prometheus label name`);
      }
      return `${name}=${JSON.stringify(value)}`;
    })
    .join(',');
}

/** Joins matcher lists, skipping empty ones: `a="1"` + `b="2"` → `a="1",b="2"`. */
export function joinMatchers(...parts: string[]): string {
  return parts.filter((part) => part !== '').join(',');
}

const duration = /^(\d+(ms|s|m|h|d|w|y))+$/;

/** Checks a PromQL range duration such as `5m` or `1h30m` (or a template placeholder such as `{{ interval }}` or Grafana's `$__rate_interval`). */
export function assertPromDuration(value: string, what = 'window'): string {
  if (!duration.test(value) && !/^\{\{.+\}\}$/.test(value) && !/^\$__?\w+$/.test(value)) {
    throw new AgentCicdError(GateErrorCode.queryInvalid, `${what} "${value}" is not a Prometheus duration such as 5m`);
  }
  return value;
}
