import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import { digestReference, parseImageReference } from './image-reference.js';

const digest = `sha256:${'a'.repeat(64)}`;

describe('parseImageReference (OCI distribution grammar)', () => {
  it('splits domain, path, tag and digest', () => {
    expect(parseImageReference(`ghcr.io/acme/support-agent:1.4.0@${digest}`)).toEqual({
      domain: 'ghcr.io',
      path: 'acme/support-agent',
      repository: 'ghcr.io/acme/support-agent',
      tag: '1.4.0',
      digest,
    });
    expect(parseImageReference('localhost:5000/agent:dev')).toMatchObject({ domain: 'localhost:5000', tag: 'dev' });
    expect(parseImageReference('nginx')).toMatchObject({ domain: undefined, path: 'nginx', tag: undefined });
    expect(parseImageReference('library/my__agent.x-y')).toMatchObject({ path: 'library/my__agent.x-y' });
    expect(parseImageReference('[::1]:5000/agent')).toMatchObject({ domain: '[::1]:5000' });
  });

  it.each([
    'app; rm -rf /',
    'Agent:latest',
    'agent:',
    'agent:-x',
    'agent@sha256:abc',
    `agent@sha256:${'A'.repeat(64)}`,
    'agent/../x',
    '-agent',
    'agent:$(id)',
    'ghcr.io/acme/agent:1.0 --privileged',
    '',
  ])('refuses %j', (ref) => {
    expect(() => parseImageReference(ref)).toThrow(InvalidInputError);
  });

  it('builds digest references', () => {
    expect(digestReference('ghcr.io/acme/agent', digest)).toBe(`ghcr.io/acme/agent@${digest}`);
    expect(() => digestReference('ghcr.io/acme/agent', 'sha256:zz')).toThrow(InvalidInputError);
  });
});
