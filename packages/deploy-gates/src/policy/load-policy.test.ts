import { fileURLToPath } from 'node:url';
import { AgentCicdError } from '@agent-cicd/core';
import { formatUserError } from '@agent-cicd/core/errors';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from './gate-policy-schema.js';
import { loadPolicy, parsePolicyText } from './load-policy.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../../../fixtures/reports/${name}`, import.meta.url));

function errorOf(fn: () => unknown): AgentCicdError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AgentCicdError) return error;
    throw error;
  }
  throw new Error('expected an AgentCicdError');
}

describe('parsePolicyText', () => {
  it('fills the defaults: the seed’s 90% floor, a 5-point margin, 95% confidence, steps 5→25→50→100', () => {
    const policy = parsePolicyText('', 'gates.yaml');
    expect(policy).toEqual(defaultPolicy());
    expect(policy).toMatchObject({
      minPassRate: 0.9,
      nonInferiorityMargin: 0.05,
      confidence: 0.95,
      minSamples: 30,
      errorRateMax: 0.05,
      canary: { steps: [5, 25, 50, 100] },
      drift: { action: 'rollback' },
    });
  });

  it('accepts snake_case keys as aliases but keeps suite names as written', () => {
    const policy = parsePolicyText(
      'min_pass_rate: 0.8\nlatency: { p99_max_ms: 900 }\nsuites:\n  refund_flow:\n    non_inferiority_margin: 0.02\n',
      'gates.yaml',
    );
    expect(policy.minPassRate).toBe(0.8);
    expect(policy.latency?.p99MaxMs).toBe(900);
    expect(policy.suites).toEqual({ refund_flow: { nonInferiorityMargin: 0.02 } });
  });

  it('refuses both spellings of one key, naming line, column and field path', () => {
    const error = errorOf(() => parsePolicyText('minPassRate: 0.8\nmin_pass_rate: 0.9\n', 'gates.yaml'));
    expect(error.code).toBe('AGENT_CICD_POLICY_INVALID');
    expect(formatUserError(error)).toMatch(/^gates\.yaml:2:1 minPassRate: "min_pass_rate" and "minPassRate"/);
  });

  it('names the line, column and path of a bad value', () => {
    const error = errorOf(() => parsePolicyText('confidence: 0.95\ncanary:\n  steps: [5, 50, 25]\n', 'p.yaml'));
    expect(formatUserError(error)).toBe('p.yaml:3:10 canary.steps: steps must be strictly increasing');
  });

  it('names an unknown field where it is written', () => {
    const error = errorOf(() => parsePolicyText('suites:\n  checkout:\n    min_pass: 1\n', 'p.yaml'));
    expect(formatUserError(error)).toMatch(/^p\.yaml:3:5 suites\.checkout\.minPass: unknown field "min_pass"$/);
  });

  it('reports YAML syntax errors with their position', () => {
    const error = errorOf(() => parsePolicyText('latency: [1, 2\n', 'p.yaml'));
    expect(error.location?.file).toBe('p.yaml');
    expect(error.location?.line).toBeGreaterThanOrEqual(1);
  });
});

describe('loadPolicy', () => {
  it('loads the fixture policy', async () => {
    const policy = await loadPolicy(fixture('gates.yaml'));
    expect(policy.latency).toEqual({ p99MaxMs: 5000, maxIncreaseRatio: 1.5 });
    expect(policy.suites.support?.minPassRate).toBe(0.85);
  });

  it('rejects an invalid file with file:line:col and path', async () => {
    const error = await loadPolicy(fixture('gates-invalid.yaml')).catch((e: AgentCicdError) => e);
    expect(error).toBeInstanceOf(AgentCicdError);
    expect(formatUserError(error as AgentCicdError)).toMatch(/gates-invalid\.yaml:3:15 latency\.p99MaxMs: /);
  });

  it('rejects a missing file', async () => {
    await expect(loadPolicy(fixture('nope.yaml'))).rejects.toMatchObject({ code: 'AGENT_CICD_FILE_NOT_FOUND' });
  });
});
