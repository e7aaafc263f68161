import { relative, resolve } from 'node:path';
import { findSuiteFiles, importModule, type LlmClient, loadConfig, loadMockTools } from '@agent-cicd/core';
import { z } from 'zod';
import { runInjectionProbes } from './injection-probes.js';
import { type ScanFinding, ScanSeveritySchema } from './scan-finding.js';
import { scanSecrets } from './scan-secrets.js';
import { type DeclaredTool, dangerOf, scanToolPolicy } from './scan-tool-policy.js';

export type { ScanFinding } from './scan-finding.js';

/** The scan's options (`pipeline.options.security_scan` in the config, flags of `agent-cicd scan`). */
export const ScanOptionsSchema = z
  .object({
    /** Secret findings to ignore: `{ file: 'tests/fixtures/', rule: 'secret.entropy' }`. */
    allow: z
      .array(z.object({ file: z.string().min(1).optional(), rule: z.string().min(1).optional() }).strict())
      .default([]),
    /** Dangerous tools explicitly allowed per tier: `{ production: [database_query] }`. */
    allowDangerous: z.record(z.string(), z.array(z.string().min(1))).default({}),
    /** Tools no injection probe may get the agent to call (besides dangerous ones and the suites' own). */
    forbiddenTools: z.array(z.string().min(1)).default([]),
    /** Run the prompt-injection probes against the suites' targets. */
    probes: z.boolean().default(true),
    /** Suites whose targets are probed. */
    suites: z.array(z.string().min(1)).min(1).default(['.']),
    /** The lowest severity that fails the scan. */
    failOn: ScanSeveritySchema.default('high'),
  })
  .strict();
export type ScanOptions = z.input<typeof ScanOptionsSchema>;

export interface ScanResult {
  findings: ScanFinding[];
  failed: boolean;
  counts: Record<'low' | 'medium' | 'high', number>;
  probed: number;
}

const rank = { low: 0, medium: 1, high: 2 } as const;

/**
 * `agent-cicd scan` and the `security_scan` stage: secrets in the project's files, the tier tool policy, and
 * (with `probes`) the prompt-injection probes against the suites' targets. Findings carry severity, file and
 * line; the scan fails at `failOn` (default `high`).
 */
export async function scanProject(
  options: ScanOptions & {
    cwd: string;
    env: Record<string, string | undefined>;
    configFile?: string | undefined;
    tier?: string | undefined;
    seed?: number | undefined;
    llm?: LlmClient | undefined;
  },
): Promise<ScanResult> {
  const settings = ScanOptionsSchema.parse({
    ...(options.allow === undefined ? {} : { allow: options.allow }),
    ...(options.allowDangerous === undefined ? {} : { allowDangerous: options.allowDangerous }),
    ...(options.forbiddenTools === undefined ? {} : { forbiddenTools: options.forbiddenTools }),
    ...(options.probes === undefined ? {} : { probes: options.probes }),
    ...(options.suites === undefined ? {} : { suites: options.suites }),
    ...(options.failOn === undefined ? {} : { failOn: options.failOn }),
  });
  const { root, config, file } = await loadConfig({ cwd: options.cwd, file: options.configFile });
  const configShown = file === undefined ? '(no config)' : relative(options.cwd, file) || file;
  const knownValues = config.secrets.map((name) => options.env[name]).filter((v): v is string => v !== undefined);
  const findings: ScanFinding[] = await scanSecrets({ root: options.cwd, allow: settings.allow, knownValues });

  const declared: DeclaredTool[] = [];
  if (config.mock?.tools) declared.push(...(await loadMockTools(resolve(root, config.mock.tools))));
  if (config.tools) {
    const module = (await importModule(resolve(root, config.tools.module))) as { tools?: unknown; default?: unknown };
    const list = module.tools ?? module.default;
    if (Array.isArray(list)) declared.push(...(list as DeclaredTool[]));
  }
  const tiers = Object.fromEntries(
    Object.entries(config.tiers).map(([tier, tierConfig]) => [tier, tierConfig.toolsEnabled]),
  );
  findings.push(
    ...scanToolPolicy({ declared, tiers, allowDangerous: settings.allowDangerous, configFile: configShown }),
  );

  let probed = 0;
  if (settings.probes) {
    const suiteFiles = await findSuiteFiles(settings.suites, options.cwd);
    probed = suiteFiles.length;
    const dangerous = declared.filter((tool) => dangerOf(tool) !== undefined).map((tool) => tool.name);
    findings.push(
      ...(await runInjectionProbes({
        cwd: options.cwd,
        env: options.env,
        suiteFiles,
        tier: options.tier ?? 'dev',
        configFile: options.configFile,
        llm: options.llm,
        seed: options.seed,
        forbiddenTools: [...new Set([...settings.forbiddenTools, ...dangerous])],
      })),
    );
  }
  const counts = { low: 0, medium: 0, high: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return {
    findings,
    counts,
    probed,
    failed: findings.some((finding) => rank[finding.severity] >= rank[settings.failOn]),
  };
}
