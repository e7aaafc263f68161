import { dirname, resolve } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { providerConcurrency } from '../config/provider-concurrency.js';
import { resolveTierName } from '../config/tier-name.js';
import { AgentCicdError } from '../errors.js';
import type { CaseAssertion, CaseExpectations } from '../eval/evaluate-case.js';
import { createJudge, type Judge } from '../judge/create-judge.js';
import type { LlmClient } from '../llm/types.js';
import { importModule, type ModuleImporter } from '../modules/import-module.js';
import { type LoadedManifest, loadManifest } from '../prompts/load-manifest.js';
import { renderPrompt } from '../prompts/render-prompt.js';
import { resolvePrompt } from '../prompts/resolve-prompt.js';
import { createPromptTarget } from '../targets/create-prompt-target.js';
import { createTarget } from '../targets/create-target.js';
import type { Target } from '../targets/target.js';
import { loadMockTools } from '../tools/create-mock-tools.js';
import { createToolRegistry, type ToolSpec } from '../tools/tool-registry.js';
import { createLlmClientForTier } from './create-llm-client-for-tier.js';
import { createResultRedactor } from './create-result-redactor.js';
import type { RunContext, SuiteRef } from './run-context.js';

export interface CreateRunContextOptions {
  /** Where the config is looked for. @default process.cwd() */
  cwd?: string;
  /** Tier name (`--tier`); else `AGENT_CICD_TIER`, `DEPLOYMENT_ENV`, then `dev`. */
  tier?: string;
  configFile?: string;
  /** Use this client instead of the tier's. */
  llm?: LlmClient;
  /** Use these tools instead of the tier's (still filtered by the tier's `toolsEnabled`). */
  tools?: ToolSpec[];
  /** Use this judge, or `false` for none (cases with `expectedBehavior` then skip the judge check). */
  judge?: Judge | false;
  env?: Record<string, string | undefined>;
  /** Mock LLM seed (`--seed`). */
  seed?: number;
  /** Mock script / mock tools file, overriding the config (relative to `cwd`). */
  mockScript?: string;
  mockTools?: string;
  /** Cassette mode: `record`, `replay`, `auto` or `off` (`--cassette`). */
  cassette?: string;
  assertions?: Array<CaseAssertion<CaseExpectations>>;
  /** How target and tools modules are imported (the Vitest plugin passes Vite's). @default `importModule` */
  importModule?: ModuleImporter;
  /** A matrix cell: run with this model and/or prompt version instead of the tier's. */
  cell?: { llmModel?: string; promptVersion?: string };
}

/**
 * Everything a run needs, chosen by the tier: its LLM client (mock, or a provider), its tools (mock fixtures or
 * the config's tools module, limited to `toolsEnabled`), a judge on the same client, the tier's model settings,
 * and target resolution (module targets relative to the suite file; prompt targets from the manifest, at the
 * tier's `promptVersion` when it pins one).
 */
export async function createRunContext(options: CreateRunContextOptions = {}): Promise<RunContext> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const loaded = await loadConfig({ cwd, file: options.configFile });
  const { root } = loaded;
  const tier = resolveTierName({ flag: options.tier, env });
  const config = options.cell
    ? { ...loaded.config, tiers: { ...loaded.config.tiers, [tier]: { ...loaded.config.tiers[tier], ...options.cell } } }
    : loaded.config;
  const settings = config.tiers[tier];
  const llm =
    options.llm ??
    (await createLlmClientForTier({
      config,
      tier,
      root,
      env,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.mockScript === undefined ? {} : { mockScript: resolve(cwd, options.mockScript) }),
      ...(options.cassette === undefined ? {} : { cassette: options.cassette }),
    }));

  const specs = options.tools ?? (await loadTierTools());
  const enabled =
    settings.toolsEnabled === true ? undefined : settings.toolsEnabled === false ? [] : settings.toolsEnabled;
  const tools = createToolRegistry({ tools: specs, ...(enabled === undefined ? {} : { enabled }) });

  let manifest: Promise<LoadedManifest> | undefined;
  const getManifest = (): Promise<LoadedManifest> => {
    manifest ??= loadManifest(resolve(root, config.manifest), { root });
    return manifest;
  };
  const judge = options.judge === false ? undefined : (options.judge ?? (await createTierJudge()));

  const targets = new Map<string, Promise<Target>>();
  return {
    cwd,
    tier,
    llm,
    tools,
    ...(judge === undefined ? {} : { judge }),
    ...(options.judge === false ? { skipJudge: true } : {}),
    grader: { llm, ...(config.judge?.model === undefined ? {} : { model: config.judge.model }) },
    settings: { model: settings.llmModel, temperature: settings.llmTemperature, maxTokens: settings.maxTokens },
    concurrency: providerConcurrency(config),
    ...(options.assertions === undefined ? {} : { assertions: options.assertions }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    redact: createResultRedactor({
      variables: [...config.secrets, ...(config.llm?.apiKeyEnv === undefined ? [] : [config.llm.apiKeyEnv])],
      env,
    }),
    resolveTarget(suite, file) {
      const key = `${file ?? ''}\u0000${suite.name}`;
      let target = targets.get(key);
      if (!target) {
        target = resolveSuiteTarget(suite, file);
        targets.set(key, target);
      }
      return target;
    },
  };

  async function loadTierTools(): Promise<ToolSpec[]> {
    const mockTools = options.mockTools
      ? resolve(cwd, options.mockTools)
      : config.mock?.tools && resolve(root, config.mock.tools);
    if (settings.mockTools) return mockTools ? loadMockTools(mockTools) : [];
    if (!config.tools) return [];
    const file = resolve(root, config.tools.module);
    const module = (await (options.importModule ?? importModule)(file)) as { tools?: unknown; default?: unknown };
    const list = module.tools ?? module.default;
    if (!Array.isArray(list)) {
      throw new AgentCicdError(
        'AGENT_CICD_CONFIG_INVALID',
        'the tools module must export `tools` (or a default export): a list of tool specs',
        {
          location: { file },
        },
      );
    }
    return list as ToolSpec[];
  }

  async function createTierJudge(): Promise<Judge> {
    const judgeSettings = config.judge ?? {};
    const rubric =
      judgeSettings.prompt === undefined
        ? undefined
        : await resolvePrompt({ manifest: await getManifest(), name: judgeSettings.prompt });
    return createJudge({
      llm,
      ...(rubric === undefined ? {} : { rubric }),
      ...(judgeSettings.model === undefined ? {} : { model: judgeSettings.model }),
      ...(judgeSettings.votes === undefined ? {} : { votes: judgeSettings.votes }),
    });
  }

  async function resolveSuiteTarget(suite: SuiteRef, file: string | undefined): Promise<Target> {
    if (suite.target) {
      return createTarget(suite.target, {
        baseDir: file === undefined ? cwd : dirname(resolve(cwd, file)),
        env,
        ...(options.importModule === undefined ? {} : { importModule: options.importModule }),
      });
    }
    if (suite.prompt) {
      const prompt = await resolvePrompt({
        manifest: await getManifest(),
        name: suite.prompt.name,
        version: settings.promptVersion ?? suite.prompt.version,
      });
      return createPromptTarget({
        prompt,
        render: (template, vars) => renderPrompt(template, vars, { file: prompt.path }),
      });
    }
    // The seed's format: cases name a version (`system_prompt_version`) of the project's only prompt.
    const names = Object.keys((await getManifest()).manifest.prompts);
    if (names.length === 1 && names[0] !== undefined) return perCasePromptTarget(names[0]);
    throw new AgentCicdError(
      'AGENT_CICD_SUITE_INVALID',
      `suite "${suite.name}" has neither a prompt ({ name, version } from the manifest) nor a target module to run against`,
      file === undefined ? {} : { location: { file } },
    );
  }

  function perCasePromptTarget(name: string): Target {
    const byVersion = new Map<string, Promise<Target>>();
    return {
      kind: 'prompt',
      async run(input, context) {
        const version = settings.promptVersion ?? context.metadata.promptVersion;
        const key = version ?? '';
        let target = byVersion.get(key);
        if (!target) {
          target = getManifest().then(async (loaded) => {
            const prompt = await resolvePrompt({ manifest: loaded, name, version });
            return createPromptTarget({
              prompt,
              render: (template, vars) => renderPrompt(template, vars, { file: prompt.path }),
            });
          });
          byVersion.set(key, target);
        }
        return (await target).run(input, context);
      },
    };
  }
}
