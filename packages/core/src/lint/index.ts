// `@agent-cicd/core/lint`: lint of suites, configs, manifests and templates, as `agent-cicd lint` runs it.

export { lintPromptTemplate } from '../prompts/lint-prompt-template.js';
export { parseTemplate } from '../prompts/parse-template.js';
export type { TemplateUsage, VariableUse } from '../prompts/template-variables.js';
export { templateUsage } from '../prompts/template-variables.js';
export type { Diagnostic } from './diagnostic.js';
export { diagnosticsFromError, formatDiagnostic } from './diagnostic.js';
export type { LintTarget, LintTargetKind } from './find-lint-targets.js';
export { findLintTargets, lintTargetKind } from './find-lint-targets.js';
export type { LintResult } from './lint-paths.js';
export { lintPaths } from './lint-paths.js';
