import type { Grader } from '../checks/evaluate-model-check.js';
import type { CaseAssertion, CaseExpectations } from '../eval/evaluate-case.js';
import type { Judge } from '../judge/create-judge.js';
import type { LlmClient } from '../llm/types.js';
import type { TargetRef } from '../schema/suite.js';
import type { ModelSettings, Target } from '../targets/target.js';
import type { ToolRegistry } from '../tools/tool-registry.js';

/** Where a suite's cases come from and what they run against. */
export interface SuiteRef {
  name: string;
  /** A prompt of the manifest (prompt target). */
  prompt?: { name: string; version: string };
  /** The user's agent: a module (relative to the suite file), a command (any language) or an HTTP service. */
  target?: TargetRef;
}

/** Everything a run needs, chosen by the tier: model client, tools, judge, targets. */
export interface RunContext {
  cwd: string;
  tier: string;
  llm: LlmClient;
  tools: ToolRegistry;
  /** Grades `expectedBehavior`; absent means such cases are errors unless `skipJudge`. */
  judge?: Judge;
  skipJudge?: boolean;
  /** Grades `similar` and the model-graded checks (the tier's client and the judge's model). */
  grader?: Grader;
  settings: ModelSettings;
  /**
   * The provider's concurrency (`llm.concurrency` of the config, else 8): how many model calls may run at once,
   * and so how many cases a run starts at once unless told otherwise (`runSuite`'s `concurrency`, the plugin's).
   */
  concurrency?: number;
  /** The mock LLM's seed (`--seed`), part of a run's fingerprint. */
  seed?: number;
  assertions?: Array<CaseAssertion<CaseExpectations>>;
  /** The target a suite runs against (cached per suite). `file` is the suite file, for relative paths. */
  resolveTarget(suite: SuiteRef, file?: string): Promise<Target>;
  /**
   * Applied to every case result before it is recorded (journal, report, summaries): removes the values of the
   * configured secret variables and known key formats. @default known key formats and provider key variables
   */
  redact?: <T>(value: T) => T;
  /** @default performance.now */
  clock?: () => number;
}
