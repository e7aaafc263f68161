import { AgentCicdError } from '../errors.js';
import type { LlmClient } from '../llm/types.js';

export interface RunBudget {
  /** Stop once the run has spent this many USD; an answer from a model without a price stops it too. */
  maxCostUsd?: number;
  /** Stop once this many model calls were made. */
  maxCalls?: number;
}

/** The reason a run was stopped by its budget (the abort reason of the run's signal). */
export class BudgetExceededError extends AgentCicdError {
  constructor(message: string) {
    super('AGENT_CICD_BUDGET_EXCEEDED', message);
    this.name = 'BudgetExceededError';
  }
}

/** One budget for every model client of a run: the agent's, the judge's and the graders' calls add up. */
export interface BudgetMeter {
  /** `inner`, counted against the budget; every client wrapped by one meter shares its counts. */
  wrap(inner: LlmClient): LlmClient;
}

/**
 * Counts the run's model calls and cost; when the budget is spent it calls `stop` (which aborts the run) and
 * refuses further calls, so in-flight cases end without a result and can be resumed. A cost budget cannot be
 * kept for a model without a price: the first unpriced answer (not the mock's, which is free) stops the run the
 * same way, naming the model, instead of letting it spend without limit.
 */
export function createBudgetMeter(budget: RunBudget, stop: (reason: BudgetExceededError) => void): BudgetMeter {
  let calls = 0;
  let costUsd = 0;
  let unpricedModel: string | undefined;
  const exceeded = (): BudgetExceededError | undefined => {
    if (budget.maxCalls !== undefined && calls >= budget.maxCalls) {
      return new BudgetExceededError(`the run reached its budget of ${budget.maxCalls} model calls`);
    }
    if (budget.maxCostUsd === undefined) return undefined;
    if (costUsd >= budget.maxCostUsd) {
      return new BudgetExceededError(
        `the run reached its budget of $${budget.maxCostUsd} (spent $${costUsd.toFixed(4)})`,
      );
    }
    if (unpricedModel !== undefined) {
      return new BudgetExceededError(
        `the budget of $${budget.maxCostUsd} cannot be kept: model "${unpricedModel}" has no price (add it under llm.prices in the config, or use --max-calls)`,
      );
    }
    return undefined;
  };
  /** Refuses the call when the budget is spent; else counts it and, once answered, its cost. */
  const metered = async <T extends { model?: string; costUsd?: number }>(
    provider: string,
    call: () => Promise<T>,
  ): Promise<T> => {
    const before = exceeded();
    if (before) {
      stop(before);
      throw before;
    }
    calls++;
    const response = await call();
    if (response.costUsd !== undefined) costUsd += response.costUsd;
    else if (provider !== 'mock') unpricedModel ??= response.model ?? 'unknown';
    return response;
  };
  return {
    wrap(inner) {
      const embed = inner.embed?.bind(inner);
      return {
        provider: inner.provider,
        ...(embed ? { embed: (request) => metered(inner.provider, () => embed(request)) } : {}),
        complete: (request) => metered(inner.provider, () => inner.complete(request)),
      };
    },
  };
}
