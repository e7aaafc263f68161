import { relative, resolve } from 'node:path';
import { ExitCode } from '../exit-code.js';
import { cliVersion } from '../version.js';
import type { RegisterCommand } from './types.js';

/** `agent-cicd init [dir]`: a small working project in an empty directory (never overwrites a file). */
export const registerInitCommand: RegisterCommand = (program, io, state) => {
  program
    .command('init')
    .description(
      'write a small working project: config with the four tiers, prompt and manifest, a suite, mocks, gate policy, vitest config, GitHub Actions workflow, baseline report',
    )
    .argument('[dir]', 'the project directory (created when missing)', '.')
    .option('--name <name>', 'package name for a new package.json (default: the directory name)')
    .option('--dry-run', 'print the files it would write, write nothing')
    .addHelpText('after', '\nNever overwrites: if any of its files exists, it stops (exit 2) and writes nothing.')
    .action(async (dir: string, options: { name?: string; dryRun?: boolean }) => {
      const { initProject } = await import('@agent-cicd/core/init');
      const result = await initProject({
        dir: resolve(io.cwd, dir),
        version: cliVersion(),
        ...(options.name === undefined ? {} : { name: options.name }),
        ...(options.dryRun ? { dryRun: true } : {}),
      });
      const where = relative(io.cwd, result.dir) || '.';
      const verb = result.dryRun ? 'would write' : 'wrote';
      io.stdout(
        `${verb} ${result.files.length} files in ${where}:\n${result.files.map((file) => `  ${file}\n`).join('')}`,
      );
      for (const note of result.notes) io.stdout(`note: ${note}\n`);
      if (!result.dryRun) {
        const cd = where === '.' ? '' : `cd ${where} && `;
        io.stdout(`\nnext: ${cd}npm install && npx vitest run && npx agent-cicd pipeline\n`);
      }
      state.exitCode = ExitCode.ok;
    });
};
