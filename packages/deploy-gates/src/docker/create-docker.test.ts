import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import { type FakeBinaries, installFakeBinaries } from '../test-utils/fake-binaries.js';
import { createDocker } from './create-docker.js';

let fakes: FakeBinaries;
beforeEach(async () => {
  fakes = await installFakeBinaries();
});
afterEach(() => fakes.cleanup());

describe('createDocker against the fake docker', { timeout: 30_000 }, () => {
  it('builds with git sha and prompt hash labels, tags, pushes and resolves the RepoDigests digest', async () => {
    const docker = createDocker({ env: fakes.env });
    await docker.build({
      context: '.',
      file: 'Dockerfile',
      tags: ['ghcr.io/acme/agent:1.4.0'],
      gitSha: '0123456789abcdef0123456789abcdef01234567',
      promptHash: 'sha256:5f1c',
      buildArgs: { NODE_VERSION: '20' },
    });
    await docker.tag('ghcr.io/acme/agent:1.4.0', 'ghcr.io/acme/agent:stable');
    await docker.push('ghcr.io/acme/agent:1.4.0');
    const reference = await docker.resolveDigest('ghcr.io/acme/agent:1.4.0');
    expect(reference).toMatch(/^ghcr\.io\/acme\/agent@sha256:[0-9a-f]{64}$/);
    expect(await fakes.lines()).toEqual([
      'docker build --file Dockerfile --tag ghcr.io/acme/agent:1.4.0 --label org.opencontainers.image.revision=0123456789abcdef0123456789abcdef01234567 --label dev.agent-cicd.prompt-hash=sha256:5f1c --build-arg NODE_VERSION=20 .',
      'docker tag ghcr.io/acme/agent:1.4.0 ghcr.io/acme/agent:stable',
      'docker push ghcr.io/acme/agent:1.4.0',
      'docker image inspect ghcr.io/acme/agent:1.4.0',
    ]);
  });

  it('buildx build --push for several platforms', async () => {
    const docker = createDocker({ env: fakes.env });
    await docker.buildxBuild({
      context: 'agent',
      tags: ['ghcr.io/acme/agent:2'],
      platforms: ['linux/amd64', 'linux/arm64'],
    });
    expect(await fakes.lines()).toEqual([
      'docker buildx build --tag ghcr.io/acme/agent:2 --platform linux/amd64,linux/arm64 --push agent',
    ]);
    expect(await docker.resolveDigest('ghcr.io/acme/agent:2')).toMatch(/^ghcr\.io\/acme\/agent@sha256:/);
  });

  it('refuses to deploy an image that was never pushed (no RepoDigests)', async () => {
    const docker = createDocker({ env: fakes.env });
    await docker.build({ context: '.', tags: ['ghcr.io/acme/agent:local'] });
    await expect(docker.resolveDigest('ghcr.io/acme/agent:local')).rejects.toThrow(/no RepoDigests entry/);
  });

  it('injection attempts never reach the binary', async () => {
    const docker = createDocker({ env: fakes.env });
    await expect(docker.push('agent; rm -rf /')).rejects.toBeInstanceOf(InvalidInputError);
    await expect(docker.build({ context: '--output=/etc', tags: ['agent:1'] })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(docker.build({ context: '.', tags: ['agent:1'], labels: { 'x=y z': '1' } })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(docker.build({ context: '.', tags: ['agent:1'], gitSha: 'HEAD; id' })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    expect(await fakes.calls()).toEqual([]);
  });
});
