import { AgentCicdError, type SourceLocation } from '../errors.js';
import type { Diagnostic } from '../lint/diagnostic.js';
import { parseTemplate } from './parse-template.js';
import { templateUsage } from './template-variables.js';

/**
 * Lints a Handlebars prompt template: syntax (with line and column, including an unclosed `{{` or block),
 * unsupported helpers and partials, and — when `variables` (the manifest version's declared list) is given —
 * variables used but not declared (errors) and declared but not used (warnings, at `variablesLocation`).
 */
export function lintPromptTemplate(
  text: string,
  options: { file: string; variables?: readonly string[] | undefined; variablesLocation?: SourceLocation },
): Diagnostic[] {
  const { file } = options;
  let program: ReturnType<typeof parseTemplate>;
  try {
    program = parseTemplate(text, file);
  } catch (error) {
    if (!(error instanceof AgentCicdError)) throw error;
    return [{ severity: 'error', code: error.code, message: error.message, location: error.location ?? { file } }];
  }
  const usage = templateUsage(program);
  const diagnostics: Diagnostic[] = usage.problems.map((problem) => ({
    severity: 'error',
    code: 'AGENT_CICD_TEMPLATE_INVALID',
    message: problem.message,
    location: { file, ...problem.position },
  }));
  if (options.variables) {
    const declared = new Set(options.variables);
    const reported = new Set<string>();
    for (const use of usage.variables) {
      if (declared.has(use.name) || reported.has(use.name)) continue;
      reported.add(use.name);
      diagnostics.push({
        severity: 'error',
        code: 'AGENT_CICD_TEMPLATE_VARIABLE_UNDECLARED',
        message: `variable "${use.name}" is used but not declared (add it to the manifest version's variables)`,
        location: { file, ...use.position },
      });
    }
    const used = new Set(usage.variables.map((use) => use.name));
    for (const name of declared) {
      if (used.has(name)) continue;
      diagnostics.push({
        severity: 'warning',
        code: 'AGENT_CICD_TEMPLATE_VARIABLE_UNUSED',
        message: `variable "${name}" is declared but not used in ${file}`,
        location: options.variablesLocation ?? { file },
      });
    }
  }
  return diagnostics;
}
