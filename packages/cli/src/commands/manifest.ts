import { access } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { AgentCicdError } from '@agent-cicd/core/errors';
import type { CliIo } from '../cli-io.js';
import { ExitCode } from '../exit-code.js';
import type { RegisterCommand } from './types.js';

interface ManifestOptions {
  manifest?: string;
  config?: string;
}

/** The manifest to use: `--manifest`, else the config's `manifest` (default `prompts/manifest.yaml`) under the project root. */
async function manifestPath(io: CliIo, options: ManifestOptions): Promise<{ file: string; root?: string | undefined }> {
  if (options.manifest !== undefined) return { file: options.manifest };
  const { loadConfig } = await import('@agent-cicd/core');
  const { root, config, file } = await loadConfig({ cwd: io.cwd, file: options.config });
  const absolute = resolve(root, config.manifest);
  const shown = relative(io.cwd, absolute) || absolute;
  const found = await access(absolute).then(
    () => true,
    () => false,
  );
  if (!found) {
    throw new AgentCicdError(
      'AGENT_CICD_FILE_NOT_FOUND',
      `no prompt manifest (looked for ${shown}${file ? ` from ${relative(io.cwd, file) || file}` : ''}); pass --manifest PATH`,
      { location: { file: shown } },
    );
  }
  return { file: shown, root };
}

/** `agent-cicd manifest verify|hash`. */
export const registerManifestCommand: RegisterCommand = (program, io, state) => {
  const manifest = program.command('manifest').description('check or update the sha256 hashes of prompt versions');
  const withOptions = (command: typeof manifest): typeof manifest =>
    command
      .option('--manifest <path>', 'the prompt manifest (default: the config’s manifest, prompts/manifest.yaml)')
      .option('--config <path>', 'the agent-cicd config file (default: searched from the current directory)');

  withOptions(manifest.command('verify'))
    .description(
      'recompute every prompt file hash; exit 1 naming prompt, version, path, expected and actual on a mismatch',
    )
    .action(async (options: ManifestOptions) => {
      const { describePromptCheck, loadManifest, verifyManifest } = await import('@agent-cicd/core');
      const { formatLocation } = await import('@agent-cicd/core/errors');
      const { file, root } = await manifestPath(io, options);
      const loaded = await loadManifest(resolve(io.cwd, file), { root, name: file });
      const checks = await verifyManifest(loaded);
      const failed = checks.filter((check) => check.status !== 'ok');
      for (const check of failed) io.stderr(`${formatLocation(check.location)}: ${describePromptCheck(check)}\n`);
      if (failed.length > 0) state.exitCode = ExitCode.failed;
      else io.stdout(`${file}: ${checks.length} prompt version${checks.length === 1 ? '' : 's'} match their hashes\n`);
    });

  withOptions(manifest.command('hash'))
    .description('write the sha256 hash of every prompt version into the manifest (comments are kept)')
    .action(async (options: ManifestOptions) => {
      const { hashManifest } = await import('@agent-cicd/core');
      const { file, root } = await manifestPath(io, options);
      const changes = await hashManifest(resolve(io.cwd, file), { root, name: file });
      for (const change of changes) {
        io.stdout(
          `${change.name}@${change.version} (${change.path}): ${change.previous ?? 'no hash'} -> ${change.hash}\n`,
        );
      }
      io.stdout(`${file}: ${changes.length === 0 ? 'all hashes up to date' : `${changes.length} hash(es) written`}\n`);
    });
};
