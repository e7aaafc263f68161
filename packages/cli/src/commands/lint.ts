import { ExitCode } from '../exit-code.js';
import type { RegisterCommand } from './types.js';

/** `agent-cicd lint [paths…]`: suites, case files, templates, manifests and configs; exit 1 on any error. */
export const registerLintCommand: RegisterCommand = (program, io, state) => {
  program
    .command('lint')
    .description(
      'check suites (*.prompt.yaml, *.suite.yaml, *.cases.json), prompt templates (*.hbs), manifests and configs; directories recurse',
    )
    .argument('[paths...]', 'files or directories to check', ['.'])
    .option('--quiet', 'print errors only, not warnings')
    .action(async (paths: string[], options: { quiet?: boolean }) => {
      const { formatDiagnostic, lintPaths } = await import('@agent-cicd/core/lint');
      const result = await lintPaths({ paths, cwd: io.cwd });
      const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
      const warnings = result.diagnostics.length - errors.length;
      for (const diagnostic of result.diagnostics) {
        if (diagnostic.severity === 'warning' && options.quiet) continue;
        io.stdout(`${formatDiagnostic(diagnostic)}\n`);
      }
      const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
      io.stderr(
        `${plural(result.files.length, 'file')} checked: ${plural(errors.length, 'error')}, ${plural(warnings, 'warning')}\n`,
      );
      if (errors.length > 0) state.exitCode = ExitCode.failed;
    });
};
