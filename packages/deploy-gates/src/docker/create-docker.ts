import { z } from 'zod';
import { CommandError, DeployErrorCode, InvalidInputError } from '../errors.js';
import { type CommandRunner, type CommandRunnerOptions, createCommandRunner } from '../exec/command-runner.js';
import { assertImageReference, parseImageReference } from '../validate/image-reference.js';
import { assertLabelKey } from '../validate/validate.js';

/** OCI label keys the build stamps on the image. */
export const ImageLabel = {
  gitSha: 'org.opencontainers.image.revision',
  promptHash: 'dev.agent-cicd.prompt-hash',
} as const;

export interface BuildOptions {
  /** Build context directory. */
  context: string;
  /** Image references to tag the result with (`--tag`). At least one. */
  tags: string[];
  /** Dockerfile path (`--file`). */
  file?: string;
  /** Stamped as `org.opencontainers.image.revision`. */
  gitSha?: string;
  /** Stamped as `dev.agent-cicd.prompt-hash`. */
  promptHash?: string;
  labels?: Record<string, string>;
  buildArgs?: Record<string, string>;
}

export interface BuildxOptions extends BuildOptions {
  /** `--platform` list, e.g. `['linux/amd64', 'linux/arm64']`. */
  platforms?: string[];
  /** `--push` (the default: a multi-platform build cannot be loaded locally). @default true */
  push?: boolean;
}

const ImageInspectSchema = z.array(
  z.object({
    Id: z.string(),
    RepoTags: z.array(z.string()).nullish(),
    RepoDigests: z.array(z.string()).nullish(),
  }),
);

export interface ImageInfo {
  id: string;
  repoTags: string[];
  repoDigests: string[];
}

export interface DockerOptions extends CommandRunnerOptions {
  /** @default 'docker' */
  binary?: string;
  /** Reuse a runner (and its command record) shared with kubectl. */
  runner?: CommandRunner;
}

export interface Docker {
  readonly runner: CommandRunner;
  build(options: BuildOptions): Promise<void>;
  buildxBuild(options: BuildxOptions): Promise<void>;
  tag(source: string, target: string): Promise<void>;
  push(reference: string): Promise<void>;
  /** `image inspect`; `undefined` in dry-run. */
  imageInspect(reference: string): Promise<ImageInfo | undefined>;
  /** The `name@sha256:…` reference to deploy, taken from `RepoDigests` (the image must have been pushed). */
  resolveDigest(reference: string): Promise<string | undefined>;
}

const platformRe = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;
const buildArgKey = /^[A-Za-z_][A-Za-z0-9_]*$/;

function assertPath(value: string, what: string): string {
  if (value.length === 0 || value.startsWith('-') || /[\0\n\r]/.test(value)) {
    throw new InvalidInputError(`invalid ${what} ${JSON.stringify(value)}: must be a path not starting with "-"`);
  }
  return value;
}

function buildArgs(options: BuildOptions): string[] {
  if (options.tags.length === 0) throw new InvalidInputError('docker build needs at least one --tag');
  const args: string[] = [];
  if (options.file !== undefined) args.push('--file', assertPath(options.file, 'Dockerfile path'));
  for (const tag of options.tags) args.push('--tag', assertImageReference(tag));
  const labels: Record<string, string> = { ...options.labels };
  if (options.gitSha !== undefined) {
    if (!/^[0-9a-f]{7,64}$/.test(options.gitSha)) throw new InvalidInputError(`invalid git sha "${options.gitSha}"`);
    labels[ImageLabel.gitSha] = options.gitSha;
  }
  if (options.promptHash !== undefined) labels[ImageLabel.promptHash] = options.promptHash;
  for (const [key, value] of Object.entries(labels)) args.push('--label', `${assertLabelKey(key)}=${value}`);
  for (const [key, value] of Object.entries(options.buildArgs ?? {})) {
    if (!buildArgKey.test(key)) throw new InvalidInputError(`invalid build arg name "${key}"`);
    args.push('--build-arg', `${key}=${value}`);
  }
  return args;
}

/**
 * A thin docker wrapper (argv arrays, never a shell; dry-run records the commands). Builds are labelled with
 * the git sha and prompt hash, and deployments use the pushed digest from `RepoDigests`.
 */
export function createDocker(options: DockerOptions = {}): Docker {
  const runner = options.runner ?? createCommandRunner(options);
  const binary = options.binary ?? 'docker';
  const run = (args: string[], timeoutMs?: number) =>
    runner.run([binary, ...args], timeoutMs === undefined ? {} : { timeoutMs });
  const buildTimeout = 30 * 60_000;

  const docker: Docker = {
    runner,
    async build(build) {
      await run(['build', ...buildArgs(build), assertPath(build.context, 'build context')], buildTimeout);
    },
    async buildxBuild(build) {
      const args = ['buildx', 'build', ...buildArgs(build)];
      if (build.platforms?.length) {
        for (const platform of build.platforms) {
          if (!platformRe.test(platform)) throw new InvalidInputError(`invalid platform "${platform}"`);
        }
        args.push('--platform', build.platforms.join(','));
      }
      if (build.push ?? true) args.push('--push');
      await run([...args, assertPath(build.context, 'build context')], buildTimeout);
    },
    async tag(source, target) {
      await run(['tag', assertImageReference(source), assertImageReference(target)]);
    },
    async push(reference) {
      await run(['push', assertImageReference(reference)], buildTimeout);
    },
    async imageInspect(reference) {
      const argv = ['image', 'inspect', assertImageReference(reference)];
      const stdout = await run(argv);
      if (stdout === undefined) return undefined;
      let parsed: z.infer<typeof ImageInspectSchema>;
      try {
        parsed = ImageInspectSchema.parse(JSON.parse(stdout));
      } catch (cause) {
        throw new CommandError(DeployErrorCode.unexpectedOutput, `docker ${argv.join(' ')} printed unexpected JSON`, {
          argv,
          cause,
        });
      }
      const first = parsed[0];
      if (first === undefined) {
        throw new CommandError(DeployErrorCode.unexpectedOutput, `docker image inspect found no image ${reference}`, {
          argv,
        });
      }
      return { id: first.Id, repoTags: first.RepoTags ?? [], repoDigests: first.RepoDigests ?? [] };
    },
    async resolveDigest(reference) {
      const wanted = parseImageReference(reference);
      if (wanted.digest !== undefined) return reference;
      const info = await docker.imageInspect(reference);
      if (info === undefined) return undefined;
      const match = info.repoDigests.find((entry) => parseImageReference(entry).repository === wanted.repository);
      if (match === undefined) {
        throw new InvalidInputError(
          `image ${reference} has no RepoDigests entry for ${wanted.repository}: push it before deploying by digest`,
        );
      }
      return match;
    },
  };
  return docker;
}
