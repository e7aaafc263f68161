import { AgentCicdError } from '@agent-cicd/core';
import { casesPerTestProblem } from '../runtime/cases-per-test.js';

/** Options of `agentCicd(options)`. Every field is optional; `resolveAgentCicdOptions` applies the defaults. */
export interface AgentCicdOptions {
  /**
   * Glob patterns of suite files collected as test files, added to the project's `test.include`.
   * @default ['**\/*.prompt.yaml', '**\/*.prompt.yml', '**\/*.suite.yaml', '**\/*.suite.yml', '**\/*.cases.json']
   */
  include?: string[];
  /** The tier whose LLM, tools and judge the cases run with. @default `AGENT_CICD_TIER`, then `DEPLOYMENT_ENV`, then `dev` */
  tier?: string;
  /** Path of `agent-cicd.config.*`, relative to the Vitest root. @default found from the root */
  configFile?: string;
  /** Where the reporter writes the RunReport, relative to the Vitest root. Sharded runs add `.shard-<i>-of-<n>`. @default '.agent-cicd/report.json' */
  outputFile?: string;
  /** Also write the self-contained HTML report here (relative to the Vitest root; sharded runs add `.shard-<i>-of-<n>`). @default no HTML */
  htmlFile?: string;
  /** Also write JUnit XML here (relative to the Vitest root; sharded runs add `.shard-<i>-of-<n>`). @default no JUnit */
  junitFile?: string;
  /**
   * `false` skips the LLM judge and model-graded checks (like `agent-cicd run --no-judge`): a case with nothing
   * else to check is a skipped test, never a pass, and the report records `options.skipJudge`. @default true
   */
  judge?: boolean;
  /** Exit non-zero when a case errored (its LLM call, tool or judge failed), even if its suite meets its threshold. @default true */
  failOnError?: boolean;
  /** Append a markdown summary to `$GITHUB_STEP_SUMMARY` when that variable is set. @default true */
  githubSummary?: boolean;
  /** Print the per-suite summary after the run. @default true */
  summary?: boolean;
  /** Timeout of one case (all its trials), in milliseconds. @default 300000 */
  caseTimeout?: number;
  /**
   * Cases running at once in a worker, across its suite files (Vitest's `maxConcurrency`, set unless the config
   * sets it). Model calls are further bounded by the same provider limit, shared by the worker's suites.
   * @default the provider's concurrency: `llm.concurrency` of the agent-cicd config, else 8 (as `agent-cicd run`)
   */
  concurrency?: number;
  /**
   * How many cases of a suite file one Vitest test runs. `'auto'`: one test per case up to 1,000 cases in a file;
   * above that, consecutive cases are packed so the file has at most 1,000 tests (10,000 cases: 10 per test), which
   * keeps Vitest's per-test memory flat. A number forces that group size; `1` is always one test per case. Every
   * case still runs concurrently, is journaled and counted in the report on its own. While `-t` filters tests by
   * name, `'auto'` registers one test per case, so `-t <caseId>` selects cases.
   * @default 'auto'
   */
  casesPerTest?: 'auto' | number;
}

export type ResolvedAgentCicdOptions = Required<
  Omit<AgentCicdOptions, 'tier' | 'configFile' | 'htmlFile' | 'junitFile' | 'concurrency'>
> &
  Pick<AgentCicdOptions, 'tier' | 'configFile' | 'htmlFile' | 'junitFile' | 'concurrency'>;

export const defaultSuiteInclude = [
  '**/*.prompt.yaml',
  '**/*.prompt.yml',
  '**/*.suite.yaml',
  '**/*.suite.yml',
  '**/*.cases.json',
];

export function resolveAgentCicdOptions(options: AgentCicdOptions = {}): ResolvedAgentCicdOptions {
  const problem = options.casesPerTest === undefined ? undefined : casesPerTestProblem(options.casesPerTest);
  if (problem) throw new AgentCicdError('AGENT_CICD_CONFIG_INVALID', `agentCicd(): ${problem}`);
  return {
    include: options.include ?? defaultSuiteInclude,
    tier: options.tier,
    configFile: options.configFile,
    outputFile: options.outputFile ?? '.agent-cicd/report.json',
    ...(options.htmlFile === undefined ? {} : { htmlFile: options.htmlFile }),
    ...(options.junitFile === undefined ? {} : { junitFile: options.junitFile }),
    judge: options.judge ?? true,
    failOnError: options.failOnError ?? true,
    githubSummary: options.githubSummary ?? true,
    summary: options.summary ?? true,
    caseTimeout: options.caseTimeout ?? 300_000,
    casesPerTest: options.casesPerTest ?? 'auto',
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
  };
}
