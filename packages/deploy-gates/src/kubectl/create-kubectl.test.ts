import { describe, expect, it } from 'vitest';
import { CommandError, DeployErrorCode, InvalidInputError } from '../errors.js';
import type { ExecFn, ExecResult } from '../exec/exec.js';
import { createKubectl } from './create-kubectl.js';

function recordingExec(reply: (args: readonly string[]) => Partial<ExecResult> = () => ({})) {
  const calls: { file: string; args: readonly string[]; input?: string; timeoutMs?: number }[] = [];
  const exec: ExecFn = async (file, args, options) => {
    calls.push({ file, args, input: options.input, timeoutMs: options.timeoutMs });
    return { stdout: '', stderr: '', exitCode: 0, timedOut: false, ...reply(args) };
  };
  return { exec, calls };
}

describe('createKubectl', () => {
  it('puts --context and -n before every verb and passes argv arrays', async () => {
    const { exec, calls } = recordingExec();
    const kubectl = createKubectl({ exec, context: 'prod', namespace: 'agents' });
    await kubectl.setImage('agent-green', 'agent', `ghcr.io/acme/agent@sha256:${'b'.repeat(64)}`);
    await kubectl.scale('agent-green', 3);
    await kubectl.rolloutStatus('agent-green', { timeout: '90s' });
    await kubectl.rolloutUndo('agent-green', { toRevision: 4 });
    await kubectl.patch('service', 'agent', { spec: { selector: { color: 'green' } } }, 'merge');
    await kubectl.patch('httproute', 'agent', [{ op: 'replace', path: '/spec/x', value: 1 }], 'json');
    await kubectl.annotate('ingress', 'agent-canary', { 'nginx.ingress.kubernetes.io/canary-weight': '25' });
    expect(calls.map((c) => [c.file, ...c.args])).toEqual([
      [
        'kubectl',
        '--context',
        'prod',
        '-n',
        'agents',
        'set',
        'image',
        'deployment/agent-green',
        `agent=ghcr.io/acme/agent@sha256:${'b'.repeat(64)}`,
      ],
      ['kubectl', '--context', 'prod', '-n', 'agents', 'scale', 'deployment/agent-green', '--replicas=3'],
      ['kubectl', '--context', 'prod', '-n', 'agents', 'rollout', 'status', 'deployment/agent-green', '--timeout=90s'],
      ['kubectl', '--context', 'prod', '-n', 'agents', 'rollout', 'undo', 'deployment/agent-green', '--to-revision=4'],
      [
        'kubectl',
        '--context',
        'prod',
        '-n',
        'agents',
        'patch',
        'service',
        'agent',
        '--type=merge',
        '-p',
        '{"spec":{"selector":{"color":"green"}}}',
      ],
      [
        'kubectl',
        '--context',
        'prod',
        '-n',
        'agents',
        'patch',
        'httproute',
        'agent',
        '--type=json',
        '-p',
        '[{"op":"replace","path":"/spec/x","value":1}]',
      ],
      [
        'kubectl',
        '--context',
        'prod',
        '-n',
        'agents',
        'annotate',
        'ingress',
        'agent-canary',
        'nginx.ingress.kubernetes.io/canary-weight=25',
        '--overwrite',
      ],
    ]);
    // rollout status: kubectl's own --timeout, plus a process backstop 30 s later
    expect(calls[2]?.timeoutMs).toBe(120_000);
  });

  it('applies a manifest object through stdin (-f -)', async () => {
    const { exec, calls } = recordingExec();
    const kubectl = createKubectl({ exec });
    const manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: 'b' } };
    await kubectl.apply(manifest);
    expect(calls[0]?.args).toEqual(['apply', '-f', '-']);
    expect(JSON.parse(calls[0]?.input ?? '')).toEqual(manifest);
  });

  it('reads absent status counts as 0', async () => {
    const { exec } = recordingExec(() => ({
      stdout: JSON.stringify({
        metadata: { name: 'agent-blue' },
        spec: {
          replicas: 0,
          selector: { matchLabels: { app: 'agent' } },
          template: { spec: { containers: [{ name: 'agent', image: 'agent:1' }] } },
        },
        status: { observedGeneration: 3 },
      }),
    }));
    const deployment = await createKubectl({ exec }).getDeployment('agent-blue');
    expect(deployment).toMatchObject({
      replicas: 0,
      readyReplicas: 0,
      updatedReplicas: 0,
      availableReplicas: 0,
      images: { agent: 'agent:1' },
    });
  });

  it('raises typed errors carrying exit code and stderr; timeouts are their own code', async () => {
    const failing = recordingExec(() => ({ exitCode: 1, stderr: 'error: deployments.apps "x" not found\n' }));
    const error = await createKubectl({ exec: failing.exec })
      .scale('x', 1)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect(error).toMatchObject({
      code: DeployErrorCode.commandFailed,
      exitCode: 1,
      stderr: 'error: deployments.apps "x" not found',
    });
    expect((error as Error).message).toBe(
      'kubectl scale deployment/x --replicas=1 exited with 1: error: deployments.apps "x" not found',
    );

    const slow = recordingExec(() => ({ exitCode: undefined, timedOut: true }));
    await expect(createKubectl({ exec: slow.exec, timeoutMs: 5 }).scale('x', 1)).rejects.toMatchObject({
      code: DeployErrorCode.commandTimeout,
      timedOut: true,
    });
    const missing = recordingExec(() => ({ exitCode: undefined, spawnError: 'ENOENT' }));
    await expect(createKubectl({ exec: missing.exec }).scale('x', 1)).rejects.toMatchObject({
      code: DeployErrorCode.commandNotFound,
    });
  });

  it('returns undefined for a missing object only when optional', async () => {
    const { exec } = recordingExec(() => ({
      exitCode: 1,
      stderr: 'Error from server (NotFound): services "a" not found',
    }));
    const kubectl = createKubectl({ exec });
    expect(await kubectl.getService('a', { optional: true })).toBeUndefined();
    await expect(kubectl.getService('a')).rejects.toBeInstanceOf(CommandError);
  });

  it('dry-run records shell-quoted lines and runs nothing', async () => {
    const { exec, calls } = recordingExec();
    const printed: string[] = [];
    const kubectl = createKubectl({ exec, dryRun: true, namespace: 'agents', onCommand: (c) => printed.push(c.line) });
    await kubectl.patch('service', 'agent', { spec: { selector: { color: 'green' } } }, 'merge');
    expect(await kubectl.getDeployment('agent-blue')).toBeUndefined();
    expect(calls).toEqual([]);
    expect(printed).toEqual([
      `kubectl -n agents patch service agent --type=merge -p '{"spec":{"selector":{"color":"green"}}}'`,
      'kubectl -n agents get deployment agent-blue -o json',
    ]);
  });

  it('refuses unsafe names before running anything', async () => {
    const { exec, calls } = recordingExec();
    expect(() => createKubectl({ exec, namespace: 'app; rm -rf /' })).toThrow(InvalidInputError);
    expect(() => createKubectl({ exec, context: '--kubeconfig=/tmp/x' })).toThrow(InvalidInputError);
    const kubectl = createKubectl({ exec });
    await expect(kubectl.scale('app; rm -rf /', 1)).rejects.toThrow('invalid deployment name "app; rm -rf /"');
    await expect(kubectl.setImage('app', 'app', 'app:1; rm -rf /')).rejects.toBeInstanceOf(InvalidInputError);
    await expect(kubectl.annotate('ingress', 'x', { 'a b': '1' })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(kubectl.patch('svc;id', 'x', {})).rejects.toBeInstanceOf(InvalidInputError);
    await expect(kubectl.rolloutStatus('x', { timeout: '5m; id' })).rejects.toBeInstanceOf(InvalidInputError);
    expect(calls).toEqual([]);
  });
});
