// Renders docs/errors.md from the error catalogues of the three packages (see generate-errors.ts).
import { cliErrorCatalogue } from '../../packages/cli/src/errors.js';
import { ExitCode } from '../../packages/cli/src/exit-code.js';
import { coreErrorCatalogue } from '../../packages/core/src/errors.js';
import { deployGatesErrorCatalogue } from '../../packages/deploy-gates/src/errors.js';

/** Every package's catalogue, in the order the reference lists them. */
export const errorCatalogues: ReadonlyArray<{ pkg: string; catalogue: Readonly<Record<string, string>> }> = [
  { pkg: '@agent-cicd/core', catalogue: coreErrorCatalogue },
  { pkg: '@agent-cicd/deploy-gates', catalogue: deployGatesErrorCatalogue },
  { pkg: '@agent-cicd/cli', catalogue: cliErrorCatalogue },
];

const exitCodeMeaning: Record<keyof typeof ExitCode, string> = {
  ok: 'success (`gate`: promote)',
  failed: 'the run or check failed, or an unexpected error (`gate`: rollback; `lint`: problems found)',
  invalidInput: 'invalid input: every `error[CODE]` line; nothing was changed',
  hold: '`gate`: hold (not enough evidence yet)',
  partialChange:
    '`deploy`/`rollback`: the cluster or docker failed part-way; the output says what changed and how to recover',
};

const cell = (text: string): string => text.replaceAll('|', '\\|');

/** The whole of docs/errors.md. */
export function renderErrorsReference(): string {
  const lines = [
    '# Error codes',
    '',
    '<!-- Generated from the error catalogues (`errors.ts` of each package) by `npm run docs:errors`; do not edit. -->',
    '',
    'Every deliberate error carries a stable `code`. The CLI prints a user mistake as one line,',
    '`error[CODE] file:line:col path: message` (the parts that are known), and exits 2; `agent-cicd lint` prints each',
    'problem of every file as `file:line:col path: message` and exits 1. Text from files and flags is printed with',
    'line breaks and control characters escaped, so it cannot forge a line. Stack traces appear only with `--debug`.',
    '',
    'Every file agent-cicd reads goes through one guarded loader (`@agent-cicd/core/source`): at most 8 MiB for files',
    'people write (suites, cases, config, policy, manifest, mock scripts and tools, release files) and 256 MiB for',
    'files it writes and reads back (run reports, journals, cassettes, release history); UTF-8 only; JSON and YAML',
    'nested at most 256 levels; YAML aliases expanded at most 1000 times. Paths inside files (manifest prompt',
    'paths, mock scripts, cassettes) must stay inside the project root: the directory of the config file, else the',
    'current directory.',
    '',
    '## Exit codes',
    '',
    '| exit | meaning |',
    '| ---- | ------- |',
    ...Object.entries(ExitCode).map(
      ([name, code]) => `| ${code} | ${cell(exitCodeMeaning[name as keyof typeof ExitCode])} |`,
    ),
  ];
  for (const { pkg, catalogue } of errorCatalogues) {
    lines.push('', `## ${pkg}`, '', '| code | raised when |', '| ---- | ----------- |');
    for (const [code, meaning] of Object.entries(catalogue)) lines.push(`| \`${code}\` | ${cell(meaning)} |`);
  }
  lines.push(
    '',
    '## Error classes',
    '',
    '- `AgentCicdError` (`@agent-cicd/core/errors`): every error above; `code`, and `location` (`file`, `line`,',
    '  `column`, `path`) when the problem is in a file. `InvalidFileError` holds all `problems` of one file.',
    '- `LlmError`: a failed model call, code `AGENT_CICD_LLM_<KIND>`, with `kind`, `retryable`, `status` and',
    '  `retryAfterMs`. See [providers](providers.md#errors).',
    '- `StatsArgumentError`: `AGENT_CICD_STATS_INVALID_ARGUMENT`. See [statistics](statistics.md).',
    '- `CommandError` (`@agent-cicd/deploy-gates/errors`): a kubectl/docker call, with `argv`, `exitCode` and `stderr`.',
    '',
  );
  return lines.join('\n');
}
