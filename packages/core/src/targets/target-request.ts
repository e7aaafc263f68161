import type { TargetContext, TargetInput } from './target.js';

/**
 * What an out-of-process agent (command or HTTP target) gets for one trial: the case input in camelCase and, for
 * agents written against the seed, `user_input` and `case_id` too.
 */
export function targetRequest(input: TargetInput, context: Pick<TargetContext, 'tier' | 'settings' | 'metadata'>) {
  return {
    caseId: input.caseId,
    case_id: input.caseId,
    trial: input.trial,
    userInput: input.userInput,
    user_input: input.userInput,
    messages: input.messages,
    vars: input.vars,
    tier: context.tier,
    ...(context.settings.model === undefined ? {} : { model: context.settings.model }),
    ...(context.metadata.promptVersion === undefined ? {} : { promptVersion: context.metadata.promptVersion }),
  };
}
