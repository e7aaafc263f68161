import { fileURLToPath } from 'node:url';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { Service } from 'kubernetes-models/v1/Service';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadManifests } from '../manifests/load-manifests.js';
import { digestB } from '../test-utils/cluster-fixtures.js';
import { diffPaths, userView } from '../test-utils/diff-paths.js';
import { type FakeBinaries, installFakeBinaries } from '../test-utils/fake-binaries.js';
import { deployBlueGreen } from './deploy-blue-green.js';
import { promoteCanary } from './promote-canary.js';
import { rollBack } from './roll-back.js';
import { rolloutCanary } from './rollout-canary.js';

const richDir = fileURLToPath(new URL('../../../../fixtures/k8s/rich/', import.meta.url));
const digestC = `ghcr.io/acme/agent@sha256:${'e'.repeat(64)}`;

let fakes: FakeBinaries;
let rich: { deployment: object; service: object; ingress: object };
beforeEach(async () => {
  fakes = await installFakeBinaries();
  const objects = await loadManifests(richDir);
  const byKind = (kind: string) => objects.find((o) => o.object.kind === kind)?.object as object;
  rich = { deployment: byKind('Deployment'), service: byKind('Service'), ingress: byKind('Ingress') };
});
afterEach(() => fakes.cleanup());

const io = () => ({ cwd: richDir, env: fakes.env, now: () => new Date('2026-11-29T12:00:00.000Z') });
const objectOf = async (key: string) => userView((await fakes.state()).objects[key]);

/** Paths a derived Deployment may differ in from the user's: name, labels, selector, image, replicas, release. */
const allowedDeploymentPath =
  /^(metadata\.name|metadata\.labels\.[^.]+|metadata\.annotations\.agent-cicd\.dev\/release|spec\.replicas|spec\.selector\.matchLabels\.[^.]+|spec\.template\.metadata\.labels\.[^.]+|spec\.template\.metadata\.annotations\.agent-cicd\.dev\/release|spec\.template\.spec\.containers\.0\.image|spec\.template\.spec\.containers\.0\.envFrom\.[01](\.configMapRef(\.name)?)?)$/;

function expectOnlyRolloutFields(derived: unknown, original: unknown) {
  const paths = diffPaths(userView(original), derived);
  expect(paths.filter((p) => !allowedDeploymentPath.test(p))).toEqual([]);
  // Everything a pod needs to run is byte-for-byte the user's.
  const spec = (o: unknown) => (o as { spec: { template: { spec: Record<string, unknown> } } }).spec.template.spec;
  const { containers: a, ...restA } = spec(derived);
  const { containers: b, ...restB } = spec(original);
  expect(restA).toEqual(restB);
  const [mainA, ...sidecarsA] = a as Record<string, unknown>[];
  const [mainB, ...sidecarsB] = b as Record<string, unknown>[];
  expect(sidecarsA).toEqual(sidecarsB);
  for (const key of ['env', 'resources', 'livenessProbe', 'readinessProbe', 'volumeMounts', 'ports']) {
    expect(mainA?.[key]).toEqual(mainB?.[key]);
  }
  expect(() => new Deployment(derived as never).validate()).not.toThrow();
  return paths;
}

describe("rollouts from the user's own manifests (rich Deployment)", { timeout: 120_000 }, () => {
  it('blue-green first deploy, second deploy, release and blue-green rollback change only the rollout fields', async () => {
    await fakes.setState({ objects: { 'service/agent': rich.service as never } });
    const first = await deployBlueGreen(
      { app: 'agent', image: digestB, manifests: '.', historyFile: 'unused.json' },
      io(),
    );
    expect(first.status).toBe('succeeded');
    const blue = await objectOf('deployment/agent-blue');
    expect(expectOnlyRolloutFields(blue, rich.deployment).sort()).toEqual([
      'metadata.labels.color',
      'metadata.name',
      'spec.selector.matchLabels.color',
      'spec.template.metadata.labels.color',
      'spec.template.spec.containers.0.image',
    ]);
    expect((blue as { spec: { replicas: number } }).spec.replicas).toBe(3); // the user's replicas

    // Second deploy without --manifests: copied from the live colour, still everything of the user's.
    const history = `${fakes.dir}/releases.json`;
    const releaseFile = `${fakes.dir}/release.json`;
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      releaseFile,
      JSON.stringify({
        id: 'v2',
        prompt: { name: 'support', version: '2.0.0', hash: 'sha256:p2' },
        model: { llmModel: 'claude-opus-4' },
      }),
    );
    const second = await deployBlueGreen({ app: 'agent', image: digestC, releaseFile, historyFile: history }, io());
    expect(second.status).toBe('succeeded');
    const green = await objectOf('deployment/agent-green');
    const greenPaths = expectOnlyRolloutFields(green, rich.deployment);
    expect(greenPaths).toContain('spec.template.metadata.annotations.agent-cicd.dev/release');
    expect(
      (green as { spec: { template: { spec: { containers: { envFrom: unknown }[] } } } }).spec.template.spec
        .containers[0]?.envFrom,
    ).toEqual([{ configMapRef: { name: 'agent-config-v2' } }, { configMapRef: { name: 'agent-env' } }]);
    expect(((await objectOf('service/agent')) as { spec: { selector: object } }).spec.selector).toEqual({
      app: 'agent',
      color: 'green',
    });
    expect(((await objectOf('deployment/agent-blue')) as { spec: { replicas: number } }).spec.replicas).toBe(1);

    // A third release, then roll back (blue-green layout): v2 goes to the idle colour, which is switched to.
    await writeFile(
      releaseFile,
      JSON.stringify({
        id: 'v3',
        prompt: { name: 'support', version: '3.0.0', hash: 'sha256:p3' },
        model: { llmModel: 'gpt-4o' },
      }),
    );
    expect(
      (await deployBlueGreen({ app: 'agent', image: digestB, releaseFile, historyFile: history }, io())).status,
    ).toBe('succeeded');
    const back = await rollBack({ app: 'agent', historyFile: history }, io());
    expect(back.summary).toContain('to v2');
    expect(back.status).toBe('succeeded');
    expect(back.result?.strategy).toBe('blue-green');
    const restored = await objectOf('deployment/agent-green');
    expectOnlyRolloutFields(restored, rich.deployment);
    expect(
      (restored as { spec: { template: { spec: { containers: { image: string }[] } } } }).spec.template.spec
        .containers[0]?.image,
    ).toBe(digestC);
    expect(((await objectOf('service/agent')) as { spec: { selector: { color: string } } }).spec.selector.color).toBe(
      'green',
    );
  });

  it('canary with nginx: the canary copies the Deployment, the Service and the Ingress (/v1/chat, TLS, annotations); promotion changes only the stable image', async () => {
    await fakes.setState({
      objects: {
        'deployment/agent': rich.deployment as never,
        'service/agent': rich.service as never,
        'ingress/agent': rich.ingress as never,
      },
    });
    const outcome = await rolloutCanary(
      {
        app: 'agent',
        image: digestB,
        manifests: '.',
        router: 'nginx',
        steps: [5, 100],
        baseline: 'unused',
        candidate: 'unused',
        analyze: async (step) => ({ action: step.weight === 100 ? 'promote' : 'advance', reasons: [] }),
        sleep: async () => {},
      },
      io(),
    );
    expect(outcome.summary).toMatch(/^promoted/);
    expect(outcome.status).toBe('succeeded');
    const canary = await objectOf('deployment/agent-canary');
    expect(expectOnlyRolloutFields(canary, rich.deployment).sort()).toEqual([
      'metadata.labels.app',
      'metadata.labels.track',
      'metadata.name',
      'spec.replicas',
      'spec.selector.matchLabels.app',
      'spec.selector.matchLabels.track',
      'spec.template.metadata.labels.app',
      'spec.template.metadata.labels.track',
      'spec.template.spec.containers.0.image',
    ]);
    const canaryService = await objectOf('service/agent-canary');
    expect(diffPaths(userView(rich.service), canaryService).sort()).toEqual([
      'metadata.name',
      'spec.selector.app',
      'spec.selector.track',
    ]);
    expect(() => new Service(canaryService as never).validate()).not.toThrow();
    const ingress = await objectOf('ingress/agent-canary');
    expect(diffPaths(userView(rich.ingress), ingress).sort()).toEqual([
      'metadata.annotations.nginx.ingress.kubernetes.io/canary',
      'metadata.annotations.nginx.ingress.kubernetes.io/canary-weight',
      'metadata.name',
      'spec.rules.0.http.paths.0.backend.service.name',
    ]);
    expect(() => new Ingress(ingress as never).validate()).not.toThrow();
    const stable = await objectOf('deployment/agent');
    expect(diffPaths(userView(rich.deployment), stable)).toEqual(['spec.template.spec.containers.0.image']);
  });

  it("canary --no-promote stays at 5% (the seed), then promoteCanary with a release keeps the stable Deployment's own envFrom", async () => {
    await fakes.setState({
      objects: {
        'deployment/agent': rich.deployment as never,
        'service/agent': rich.service as never,
        'ingress/agent': rich.ingress as never,
      },
    });
    const { writeFile } = await import('node:fs/promises');
    const releaseFile = `${fakes.dir}/release.json`;
    await writeFile(
      releaseFile,
      JSON.stringify({
        id: 'v7',
        prompt: { name: 'support', version: '7', hash: 'sha256:p7' },
        model: { llmModel: 'gpt-4o' },
      }),
    );
    const history = `${fakes.dir}/history.json`;
    const common = { app: 'agent', image: digestB, releaseFile, historyFile: history, router: 'nginx' as const };
    const paused = await rolloutCanary(
      {
        ...common,
        manifests: '.',
        steps: [5],
        promote: false,
        baseline: 'unused',
        candidate: 'unused',
        analyze: async () => ({ action: 'advance', reasons: [] }),
        sleep: async () => {},
      },
      io(),
    );
    expect(paused.summary).toMatch(
      /passed the gate and stays at 5% \(verified\); promote it with: agent-cicd deploy promote/,
    );
    expect(paused.status).toBe('succeeded');
    const weightOf = async () =>
      ((await objectOf('ingress/agent-canary')) as { metadata: { annotations: Record<string, string> } }).metadata
        .annotations['nginx.ingress.kubernetes.io/canary-weight'];
    expect(await weightOf()).toBe('5');
    expect(diffPaths(userView(rich.deployment), await objectOf('deployment/agent'))).toEqual([]);

    const wrongImage = await promoteCanary(
      { ...common, image: `ghcr.io/acme/agent@sha256:${'f'.repeat(64)}` },
      io(),
    ).catch((e: Error) => e);
    expect((wrongImage as Error).message).toMatch(/agent-canary runs .* not /);

    const promoted = await promoteCanary(common, io());
    expect(promoted.summary).toBe(`promoted ${digestB} to agent (verified)`);
    expect(await weightOf()).toBe('0');
    const stable = await objectOf('deployment/agent');
    expectOnlyRolloutFields(stable, rich.deployment);
    expect(
      (stable as { spec: { template: { spec: { containers: { envFrom: unknown }[] } } } }).spec.template.spec
        .containers[0]?.envFrom,
    ).toEqual([{ configMapRef: { name: 'agent-config-v7' } }, { configMapRef: { name: 'agent-env' } }]);
    const { readFile } = await import('node:fs/promises');
    expect(JSON.parse(await readFile(history, 'utf8')).current).toBe('v7');
  });
});
