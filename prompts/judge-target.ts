import { fileURLToPath } from 'node:url';
import { type AgentFunction, createJudge, loadManifest, resolvePrompt } from '@agent-cicd/core';

const manifestFile = fileURLToPath(new URL('./manifest.yaml', import.meta.url));

/**
 * The judge as a module target: grades `vars.output` against `vars.expected` for the case's user input with
 * the rubric version under test, and returns its verdict as the `submit_verdict` call the suite checks.
 * A judge error throws, so the case is an `error`, never a pass.
 */
export const run: AgentFunction = async (input, ctx) => {
  const manifest = await loadManifest(manifestFile);
  const rubric = await resolvePrompt({ manifest, name: 'judge', version: String(input.vars.rubricVersion ?? 'v1') });
  const outcome = await createJudge({ llm: ctx.llm, rubric }).grade({
    input: input.userInput,
    expectedBehavior: String(input.vars.expected),
    output: String(input.vars.output),
    signal: ctx.signal,
    metadata: ctx.metadata,
  });
  if (!outcome.ok) throw new Error(outcome.error);
  const verdict = { score: outcome.score, pass: outcome.pass, reason: outcome.reason };
  return {
    response: JSON.stringify(verdict),
    toolCalls: [{ name: 'submit_verdict', arguments: verdict }],
    tokens: outcome.tokens,
  };
};
