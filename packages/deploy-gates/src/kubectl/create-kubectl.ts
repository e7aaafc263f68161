import { CommandError, DeployErrorCode, InvalidInputError } from '../errors.js';
import { type CommandRunner, type CommandRunnerOptions, createCommandRunner } from '../exec/command-runner.js';
import { assertImageReference } from '../validate/image-reference.js';
import {
  assertContextName,
  assertDnsLabel,
  assertDnsSubdomain,
  assertDuration,
  assertLabelKey,
  assertReplicas,
} from '../validate/validate.js';
import {
  DeploymentObjectSchema,
  type DeploymentState,
  type ServiceObject,
  ServiceObjectSchema,
  toDeploymentState,
} from './kube-objects.js';

/** `kubectl patch --type`: JSON merge patch (RFC 7386), strategic merge patch, or JSON patch (RFC 6902). */
export type PatchType = 'merge' | 'strategic' | 'json';

/** A Kubernetes object to apply; it must name itself in `metadata.name`. */
export interface KubeManifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface KubectlOptions extends CommandRunnerOptions {
  /** kubeconfig context (`--context`). */
  context?: string | undefined;
  /** Namespace (`-n`). */
  namespace?: string | undefined;
  /** @default 'kubectl' */
  binary?: string;
  /** Reuse a runner (and its command record) shared with docker. */
  runner?: CommandRunner;
}

export interface Kubectl {
  readonly runner: CommandRunner;
  readonly namespace: string | undefined;
  apply(manifest: KubeManifest | KubeManifest[]): Promise<void>;
  setImage(deployment: string, container: string, image: string): Promise<void>;
  scale(deployment: string, replicas: number): Promise<void>;
  rolloutStatus(deployment: string, options?: { timeout?: string }): Promise<void>;
  rolloutUndo(deployment: string, options?: { toRevision?: number }): Promise<void>;
  patch(kind: string, name: string, patch: unknown, type?: PatchType): Promise<void>;
  annotate(kind: string, name: string, annotations: Record<string, string>): Promise<void>;
  /** `get <kind> <name> -o json`; `undefined` in dry-run, or when `optional` and the object does not exist. */
  getJson(kind: string, name: string, options?: { optional?: boolean }): Promise<unknown>;
  getDeployment(name: string, options?: { optional?: boolean }): Promise<DeploymentState | undefined>;
  getService(name: string, options?: { optional?: boolean }): Promise<ServiceObject | undefined>;
}

const kindRe = /^[a-z][a-z0-9]*(\.[a-z0-9][-a-z0-9]*)*$/;

function assertKind(kind: string): string {
  if (!kindRe.test(kind)) throw new InvalidInputError(`invalid resource kind ${JSON.stringify(kind)}`);
  return kind;
}

/** Converts `90s`/`5m`/`1h30m` to milliseconds. */
export function durationToMs(duration: string): number {
  let total = 0;
  for (const [, amount, unit] of duration.matchAll(/(\d+)(ms|s|m|h)/g)) {
    const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000;
    total += Number(amount) * factor;
  }
  return total;
}

function parseJson(text: string, argv: readonly string[]): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new CommandError(DeployErrorCode.unexpectedOutput, `${argv.join(' ')} did not print JSON`, { argv, cause });
  }
}

/**
 * A thin kubectl wrapper: argv arrays (never a shell), `--context`/`-n` on every call, per-command timeouts,
 * `CommandError` with stderr, and a dry-run that records the exact commands. Every name is validated first.
 * @example
 * const kubectl = createKubectl({ context: 'prod', namespace: 'agents' });
 * await kubectl.scale('support-agent-green', 3);
 */
export function createKubectl(options: KubectlOptions = {}): Kubectl {
  const runner = options.runner ?? createCommandRunner(options);
  const binary = options.binary ?? 'kubectl';
  const global: string[] = [];
  if (options.context !== undefined) global.push('--context', assertContextName(options.context));
  if (options.namespace !== undefined) global.push('-n', assertDnsLabel(options.namespace, 'namespace'));
  const run = (args: string[], extra: { input?: string; timeoutMs?: number } = {}) =>
    runner.run([binary, ...global, ...args], extra);

  const kubectl: Kubectl = {
    runner,
    namespace: options.namespace,
    async apply(manifest) {
      const items = Array.isArray(manifest) ? manifest : [manifest];
      for (const item of items) {
        assertKind(item.kind.toLowerCase());
        assertDnsSubdomain(item.metadata.name, `${item.kind} name`);
      }
      const body = items.length === 1 ? items[0] : { apiVersion: 'v1', kind: 'List', items };
      await run(['apply', '-f', '-'], { input: `${JSON.stringify(body)}\n` });
    },
    async setImage(deployment, container, image) {
      assertDnsSubdomain(deployment, 'deployment name');
      assertDnsLabel(container, 'container name');
      assertImageReference(image);
      await run(['set', 'image', `deployment/${deployment}`, `${container}=${image}`]);
    },
    async scale(deployment, replicas) {
      assertDnsSubdomain(deployment, 'deployment name');
      assertReplicas(replicas);
      await run(['scale', `deployment/${deployment}`, `--replicas=${replicas}`]);
    },
    async rolloutStatus(deployment, statusOptions = {}) {
      assertDnsSubdomain(deployment, 'deployment name');
      const timeout = assertDuration(statusOptions.timeout ?? '5m');
      // kubectl enforces --timeout itself; the process timeout is a backstop a little later.
      await run(['rollout', 'status', `deployment/${deployment}`, `--timeout=${timeout}`], {
        timeoutMs: durationToMs(timeout) + 30_000,
      });
    },
    async rolloutUndo(deployment, undoOptions = {}) {
      assertDnsSubdomain(deployment, 'deployment name');
      const args = ['rollout', 'undo', `deployment/${deployment}`];
      if (undoOptions.toRevision !== undefined) {
        if (!Number.isInteger(undoOptions.toRevision) || undoOptions.toRevision < 0) {
          throw new InvalidInputError(`invalid revision ${undoOptions.toRevision}`);
        }
        args.push(`--to-revision=${undoOptions.toRevision}`);
      }
      await run(args);
    },
    async patch(kind, name, patch, type = 'strategic') {
      assertKind(kind);
      assertDnsSubdomain(name, `${kind} name`);
      await run(['patch', kind, name, `--type=${type}`, '-p', JSON.stringify(patch)]);
    },
    async annotate(kind, name, annotations) {
      assertKind(kind);
      assertDnsSubdomain(name, `${kind} name`);
      const pairs = Object.entries(annotations).map(([key, value]) => {
        assertLabelKey(key, 'annotation key');
        return `${key}=${value}`;
      });
      if (pairs.length === 0) throw new InvalidInputError('annotate needs at least one annotation');
      await run(['annotate', kind, name, ...pairs, '--overwrite']);
    },
    async getJson(kind, name, getOptions = {}) {
      assertKind(kind);
      assertDnsSubdomain(name, `${kind} name`);
      const argv = ['get', kind, name, '-o', 'json'];
      try {
        const stdout = await run(argv);
        return stdout === undefined ? undefined : parseJson(stdout, argv);
      } catch (error) {
        if (getOptions.optional && error instanceof CommandError && /NotFound|not found/.test(error.stderr)) {
          return undefined;
        }
        throw error;
      }
    },
    async getDeployment(name, getOptions) {
      const json = await kubectl.getJson('deployment', name, getOptions);
      return json === undefined ? undefined : toDeploymentState(DeploymentObjectSchema.parse(json));
    },
    async getService(name, getOptions) {
      assertDnsLabel(name, 'service name');
      const json = await kubectl.getJson('service', name, getOptions);
      return json === undefined ? undefined : ServiceObjectSchema.parse(json);
    },
  };
  return kubectl;
}
