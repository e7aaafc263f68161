import type { AgentFunction, ChatMessage } from '@agent-cicd/core';

const SYSTEM = `You are the support agent of an online shop. Use lookup_order for order questions and
search_kb for policy questions. Never issue refunds yourself; never promise dates you did not look up.`;

/**
 * The support agent as a team would write it: its own loop over the model and tools. agent-cicd runs this
 * exact code with the tier's `ctx.llm` (mock, replayed cassette or a provider) and `ctx.tools` (mock or real).
 */
export const run: AgentFunction = async (input, ctx) => {
  const messages: ChatMessage[] = [...input.messages];
  for (let step = 0; step < 5; step++) {
    const reply = await ctx.llm.complete({
      system: SYSTEM,
      messages,
      tools: ctx.tools.definitions,
      ...ctx.settings,
      signal: ctx.signal,
      metadata: ctx.metadata,
    });
    if (reply.toolCalls.length === 0) return reply.text;
    messages.push({ role: 'assistant', content: reply.text, toolCalls: reply.toolCalls });
    for (const call of reply.toolCalls) {
      const record = await ctx.tools.call(call.name, call.arguments, { signal: ctx.signal });
      messages.push({
        role: 'tool',
        toolCallId: call.id,
        name: call.name,
        content: record.error === undefined ? JSON.stringify(record.result) : `error: ${record.error}`,
        ...(record.error === undefined ? {} : { isError: true }),
      });
    }
  }
  return 'Sorry, I could not finish that request.';
};
