import { access } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import type { AgentCicdConfig } from '../config/config-schema.js';
import { findConfigFile, readConfigFile } from '../config/load-config.js';
import { AgentCicdError } from '../errors.js';
import { lintPromptTemplate } from '../prompts/lint-prompt-template.js';
import { type LoadedManifest, manifestRoot, parseManifestText } from '../prompts/load-manifest.js';
import { promptRefFor } from '../prompts/prompt-ref-for.js';
import { describePromptCheck, verifyManifest } from '../prompts/verify-manifest.js';
import { parseSuiteText } from '../schema/load-suite.js';
import { readTextFile } from '../source/read-text-file.js';
import { type Diagnostic, diagnosticsFromError } from './diagnostic.js';
import { findLintTargets } from './find-lint-targets.js';

export interface LintResult {
  diagnostics: Diagnostic[];
  /** Files checked (display paths, relative to `cwd`). */
  files: string[];
}

interface Project {
  config: AgentCicdConfig | undefined;
  manifest: LoadedManifest | undefined;
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * Lints suites, case files, prompt templates, manifests and configs under `paths`. Each file is checked in its
 * project (the nearest `agent-cicd.config.*` above it): there, a case's prompt version must exist in the
 * project's manifest. Outside a project, version references cannot be checked and are not errors.
 */
export async function lintPaths(options: { paths: readonly string[]; cwd: string }): Promise<LintResult> {
  const { cwd } = options;
  const show = (file: string): string => relative(cwd, file) || file;
  const diagnostics: Diagnostic[] = [];
  const files = new Set<string>();
  const add = (error: unknown, file: string): void => {
    diagnostics.push(...diagnosticsFromError(error, { file: show(file) }));
  };

  const manifests = new Map<string, Promise<LoadedManifest | undefined>>();
  const loadManifestOnce = (file: string, root?: string): Promise<LoadedManifest | undefined> => {
    let loaded = manifests.get(file);
    if (!loaded) {
      loaded = (async () => {
        files.add(show(file));
        try {
          const text = await readTextFile(file, show(file));
          return parseManifestText(text, show(file), root ?? (await manifestRoot(file)));
        } catch (error) {
          add(error, file);
          return undefined;
        }
      })();
      manifests.set(file, loaded);
    }
    return loaded;
  };

  const configs = new Map<string, Promise<AgentCicdConfig | undefined>>();
  const loadConfigOnce = (file: string): Promise<AgentCicdConfig | undefined> => {
    let loaded = configs.get(file);
    if (!loaded) {
      files.add(show(file));
      loaded = readConfigFile(file, { name: show(file) }).catch((error: unknown) => {
        add(error, file);
        return undefined;
      });
      configs.set(file, loaded);
    }
    return loaded;
  };

  const projects = new Map<string, Promise<Project>>();
  const projectOf = (file: string): Promise<Project> => {
    const dir = dirname(file);
    let project = projects.get(dir);
    if (!project) {
      project = (async () => {
        const configFile = await findConfigFile(dir).catch((error: unknown) => {
          add(error, file);
          return undefined;
        });
        if (configFile === undefined) return { config: undefined, manifest: undefined };
        const config = await loadConfigOnce(configFile);
        if (!config) return { config, manifest: undefined };
        const manifestFile = resolve(dirname(configFile), config.manifest);
        const manifest = (await exists(manifestFile))
          ? await loadManifestOnce(manifestFile, dirname(configFile))
          : undefined;
        return { config, manifest };
      })();
      projects.set(dir, project);
    }
    return project;
  };

  const lintSuite = async (file: string): Promise<void> => {
    files.add(show(file));
    let loaded: ReturnType<typeof parseSuiteText>;
    try {
      loaded = parseSuiteText(await readTextFile(file, show(file)), show(file));
    } catch (error) {
      add(error, file);
      return;
    }
    const { suite } = loaded;
    if (suite.target && 'module' in suite.target && !(await exists(resolve(dirname(file), suite.target.module)))) {
      diagnostics.push({
        severity: 'error',
        code: 'AGENT_CICD_SUITE_INVALID',
        message: `target module not found: ${suite.target.module}`,
        location: loaded.locate(['target', 'module']),
      });
    }
    const { manifest } = await projectOf(file);
    if (!manifest) return;
    suite.cases.forEach((testCase, index) => {
      const field = testCase.systemPromptVersion !== undefined ? ['cases', index, 'systemPromptVersion'] : ['prompt'];
      try {
        promptRefFor({ suite, testCase, manifest: manifest.manifest, location: loaded.locate(field) });
      } catch (error) {
        add(error, file);
      }
    });
  };

  const lintedTemplates = new Set<string>();
  const lintManifest = async (manifest: LoadedManifest): Promise<void> => {
    for (const check of await verifyManifest(manifest)) {
      if (check.status !== 'ok') {
        diagnostics.push({
          severity: 'error',
          code: check.status === 'missing' ? 'AGENT_CICD_FILE_NOT_FOUND' : 'AGENT_CICD_MANIFEST_HASH_MISMATCH',
          message: describePromptCheck(check),
          location: check.location,
        });
      }
      if (check.status === 'missing') continue;
      const template = resolve(manifest.root, check.path);
      const spec = manifest.manifest.prompts[check.name]?.versions[check.version];
      lintedTemplates.add(template);
      files.add(show(template));
      const variablesPath = ['prompts', check.name, 'versions', check.version, 'variables'];
      let text: string;
      try {
        text = await readTextFile(template, show(template));
      } catch (error) {
        add(error, template);
        continue;
      }
      diagnostics.push(
        ...lintPromptTemplate(text, {
          file: show(template),
          variables: spec?.variables,
          variablesLocation: { file: manifest.file, ...manifest.locate(variablesPath) },
        }),
      );
    }
  };

  const targets = await findLintTargets(options.paths, cwd);
  const templates: string[] = [];
  for (const target of targets) {
    if (target.kind === 'suite') await lintSuite(target.file);
    else if (target.kind === 'config') await projectOf(target.file);
    else if (target.kind === 'manifest') await loadManifestOnce(target.file);
    else templates.push(target.file);
  }
  for (const target of targets) if (target.kind === 'template') await projectOf(target.file);
  for (const loaded of manifests.values()) {
    const manifest = await loaded;
    if (manifest) await lintManifest(manifest);
  }
  for (const template of templates) {
    if (lintedTemplates.has(template)) continue;
    files.add(show(template));
    try {
      diagnostics.push(...lintPromptTemplate(await readTextFile(template, show(template)), { file: show(template) }));
    } catch (error) {
      if (!(error instanceof AgentCicdError)) throw error;
      add(error, template);
    }
  }
  return { diagnostics: sortDiagnostics(diagnostics), files: [...files].sort() };
}

function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) =>
      a.location.file.localeCompare(b.location.file) ||
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      (a.location.column ?? 0) - (b.location.column ?? 0),
  );
}
