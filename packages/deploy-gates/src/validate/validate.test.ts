import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import {
  assertContextName,
  assertDnsLabel,
  assertDnsSubdomain,
  assertDuration,
  assertLabelKey,
  assertLabelValue,
  assertWeight,
} from './validate.js';

describe('Kubernetes name grammars', () => {
  it.each(['app', 'support-agent', 'a1', '0', 'x'.repeat(63)])('accepts DNS label %s', (name) => {
    expect(assertDnsLabel(name)).toBe(name);
  });

  it.each(['app; rm -rf /', 'App', '-app', 'app-', 'a.b', '', 'x'.repeat(64), 'a b', '$(id)', 'a\nb'])(
    'refuses DNS label %j with one line',
    (name) => {
      expect(() => assertDnsLabel(name, 'namespace')).toThrow(InvalidInputError);
      try {
        assertDnsLabel(name, 'namespace');
      } catch (error) {
        expect((error as Error).message).toMatch(/^invalid namespace /);
        expect((error as Error).message).not.toContain('\n');
      }
    },
  );

  it('accepts subdomains with dots and refuses injection', () => {
    expect(assertDnsSubdomain('agent.v2.example')).toBe('agent.v2.example');
    expect(() => assertDnsSubdomain('agent..v2')).toThrow(InvalidInputError);
    expect(() => assertDnsSubdomain(`${'a'.repeat(254)}`)).toThrow(InvalidInputError);
    expect(() => assertDnsSubdomain('app`reboot`')).toThrow(InvalidInputError);
  });

  it('checks label values and keys', () => {
    expect(assertLabelValue('')).toBe('');
    expect(assertLabelValue('v1.2_rc-3')).toBe('v1.2_rc-3');
    expect(() => assertLabelValue('-v1')).toThrow(InvalidInputError);
    expect(() => assertLabelValue('x'.repeat(64))).toThrow(InvalidInputError);
    expect(assertLabelKey('nginx.ingress.kubernetes.io/canary-weight')).toBeTruthy();
    expect(assertLabelKey('app')).toBe('app');
    expect(() => assertLabelKey('Bad_Prefix/x')).toThrow(InvalidInputError);
    expect(() => assertLabelKey('a=b')).toThrow(InvalidInputError);
  });

  it('checks contexts, durations and weights', () => {
    expect(assertContextName('arn:aws:eks:eu-west-1:123456789012:cluster/prod')).toBeTruthy();
    expect(assertContextName('gke_proj_europe-west1_prod')).toBeTruthy();
    expect(() => assertContextName('--kubeconfig=/etc/x')).toThrow(InvalidInputError);
    expect(() => assertContextName('prod; id')).toThrow(InvalidInputError);
    expect(assertDuration('1h30m')).toBe('1h30m');
    expect(() => assertDuration('5 minutes')).toThrow(InvalidInputError);
    expect(assertWeight(25)).toBe(25);
    expect(() => assertWeight(101)).toThrow(InvalidInputError);
    expect(() => assertWeight(2.5)).toThrow(InvalidInputError);
  });
});
