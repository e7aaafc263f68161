import { relative, resolve } from 'node:path';
import { describePromptCheck, loadConfig, loadManifest, verifyManifest } from '@agent-cicd/core';
import { formatLocation } from '@agent-cicd/core/errors';
import { formatDiagnostic, lintPaths } from '@agent-cicd/core/lint';
import { z } from 'zod';
import { defineStage } from '../pipeline-stage.js';

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * `static_analysis`: lint (suites, case files, templates — an unclosed `{{` among them —, manifests, configs)
 * and the prompt manifest's hashes. Any error fails the stage.
 */
export const staticAnalysisStage = defineStage({
  name: 'static_analysis',
  description: 'lint suites, templates, manifests and configs; verify the prompt hashes',
  options: z.object({ paths: z.array(z.string().min(1)).min(1).default(['.']) }).strict(),
  async run({ cwd, configFile, options }) {
    const lint = await lintPaths({ paths: options.paths, cwd });
    const errors = lint.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    const warnings = lint.diagnostics.length - errors.length;
    const { root, config } = await loadConfig({ cwd, file: configFile });
    const manifestFile = resolve(root, config.manifest);
    const shown = relative(cwd, manifestFile) || manifestFile;
    const checks = await verifyManifest(await loadManifest(manifestFile, { root, name: shown }));
    const mismatched = checks.filter((check) => check.status !== 'ok');
    const problems = [
      ...errors.map((diagnostic) => formatDiagnostic(diagnostic)),
      ...mismatched.map((check) => `${formatLocation(check.location)}: ${describePromptCheck(check)}`),
    ];
    const summary = `${plural(lint.files.length, 'file')} checked: ${plural(errors.length, 'error')}, ${plural(warnings, 'warning')}; ${shown}: ${
      mismatched.length === 0
        ? `${plural(checks.length, 'prompt version')} ${checks.length === 1 ? 'matches its hash' : 'match their hashes'}`
        : `${mismatched.length} of ${plural(checks.length, 'prompt version')} do not match`
    }`;
    return {
      status: problems.length === 0 ? 'passed' : 'failed',
      summary,
      details: {
        files: lint.files.length,
        errors: errors.length,
        warnings,
        promptVersions: checks.length,
        hashMismatches: mismatched.length,
        ...(problems.length === 0 ? {} : { output: problems.join('\n') }),
      },
    };
  },
});
