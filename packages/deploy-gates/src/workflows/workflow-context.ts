import { resolve } from 'node:path';
import { createDocker, type Docker } from '../docker/create-docker.js';
import { InvalidInputError } from '../errors.js';
import { type CommandRunner, createCommandRunner, type RecordedCommand } from '../exec/command-runner.js';
import type { ExecFn } from '../exec/exec.js';
import { formatCommand } from '../exec/shell-quote.js';
import { createKubectl, type Kubectl } from '../kubectl/create-kubectl.js';
import { createConfigMapReleaseStore, createFileReleaseStore, type ReleaseStore } from '../release/release-store.js';
import { assertContextName, assertDnsLabel, assertDnsSubdomain, assertDuration } from '../validate/validate.js';

/** Where a rollout runs and where its release history lives; shared by every workflow. */
export interface ClusterInput {
  /** App name: Deployment `<app>` (rolling/canary) or prefix of `<app>-blue`/`<app>-green`. */
  app: string;
  namespace?: string | undefined;
  context?: string | undefined;
  /** `kubectl rollout status --timeout` for each rollout. @default '5m' */
  timeout?: string | undefined;
  /** Build and return the plan; run nothing. */
  dryRun?: boolean | undefined;
  /** Release history in a local JSON file instead of the ConfigMap `<app>-releases`. */
  historyFile?: string | undefined;
  /** @default `<app>-releases` */
  historyConfigMap?: string | undefined;
}

/** Side effects a workflow uses, injected (tests pass fakes; the CLI passes the process's). */
export interface WorkflowIo {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** @default execa */
  exec?: ExecFn;
  /** For smoke checks. @default globalThis.fetch */
  fetch?: typeof fetch;
  now?: () => Date;
  /** Progress lines (the CLI prints them to stderr). */
  log?: (line: string) => void;
}

/** The validated cluster input and the clients built from it (one runner records every command). */
export interface ClusterClients {
  app: string;
  timeout: string;
  dryRun: boolean;
  runner: CommandRunner;
  kubectl: Kubectl;
  docker: Docker;
  store: ReleaseStore;
}

/** Validates the shared input and builds kubectl, docker and the release store; runs nothing. */
export function clusterClients(input: ClusterInput, io: WorkflowIo): ClusterClients {
  const app = assertDnsSubdomain(input.app, 'app name');
  assertDnsLabel(app, 'app name');
  if (input.namespace !== undefined) assertDnsLabel(input.namespace, 'namespace');
  if (input.context !== undefined) assertContextName(input.context);
  const timeout = assertDuration(input.timeout ?? '5m', 'timeout');
  if (input.historyFile !== undefined && input.historyConfigMap !== undefined) {
    throw new InvalidInputError('give --history-file or --history-configmap, not both');
  }
  const dryRun = input.dryRun ?? false;
  const runner = createCommandRunner({
    dryRun,
    ...(io.exec === undefined ? {} : { exec: io.exec }),
    ...(io.env === undefined ? {} : { env: io.env }),
  });
  const kubectl = createKubectl({
    runner,
    ...(input.context === undefined ? {} : { context: input.context }),
    ...(input.namespace === undefined ? {} : { namespace: input.namespace }),
  });
  const docker = createDocker({ runner });
  const store =
    input.historyFile !== undefined
      ? createFileReleaseStore(resolve(io.cwd, assertPathLike(input.historyFile, 'history file')))
      : createConfigMapReleaseStore({
          kubectl,
          name: assertDnsSubdomain(input.historyConfigMap ?? `${app}-releases`, 'history ConfigMap name'),
        });
  return { app, timeout, dryRun, runner, kubectl, docker, store };
}

function assertPathLike(value: string, what: string): string {
  if (value.trim() === '' || /[\0\n\r]/.test(value)) {
    throw new InvalidInputError(`invalid ${what} ${JSON.stringify(value)}: must be a file path`);
  }
  return value;
}

/** An http(s) URL for a smoke check: parsed, no whitespace or control characters, no credentials. */
export function assertHttpUrl(value: string, what = 'smoke URL'): URL {
  const bad = (rule: string): never => {
    throw new InvalidInputError(`invalid ${what} ${JSON.stringify(value.slice(0, 120))}: ${rule}`);
  };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\s\u0000-\u001f\u007f]/.test(value)) bad('contains whitespace or control characters');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return bad('not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') bad('must be http:// or https://');
  if (url.hostname === '') bad('has no host');
  if (url.username !== '' || url.password !== '') bad('must not carry credentials');
  return url;
}

/** The commands a plan would run, as a shell would run them (stdin as a here-document). */
export function planLines(commands: readonly RecordedCommand[]): string[] {
  return commands.map((command) => formatCommand(command));
}
