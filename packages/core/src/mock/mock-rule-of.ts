import type { LlmResponse } from '../llm/types.js';

/**
 * The mock-script rule that produced a response, when a mock answered: the in-process mock LLM puts it in
 * `raw.rule`; the mock server adds `agent_cicd_mock.rule` to its JSON bodies. Undefined for real providers.
 */
export function mockRuleOf(response: Pick<LlmResponse, 'raw'>): string | undefined {
  const raw = response.raw;
  if (raw === null || typeof raw !== 'object') return undefined;
  const direct = (raw as { rule?: unknown }).rule;
  if (typeof direct === 'string') return direct;
  const wire = (raw as { agent_cicd_mock?: { rule?: unknown } }).agent_cicd_mock;
  return typeof wire?.rule === 'string' ? wire.rule : undefined;
}
