import type { RolloutPlan, WorkflowOutcome } from './workflow-outcome.js';

/** Escapes control characters so a value from a file (a model name, a message) cannot forge an output line. */
export function oneLine(text: string): string {
  // C0, DEL, C1 (U+0085 is a line break to some terminals) and the Unicode line and paragraph separators.
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is escaped
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The plan as text: facts, the commands in order, and what runs on failure. */
export function formatPlan(plan: RolloutPlan): string {
  const width = Math.max(0, ...plan.facts.map(([label]) => label.length));
  return [
    `plan: ${plan.action}`,
    ...plan.facts.map(([label, value]) => `  ${label.padEnd(width)}  ${oneLine(value)}`),
    'commands:',
    ...plan.commands.map((command) => command.replace(/^/gm, '  ')),
    'on failure:',
    ...plan.onFailure.map((line) => `  - ${oneLine(line)}`),
    '',
  ].join('\n');
}

/** The outcome as text: the summary, problems, and for `failed_part_way` the changes made and how to recover. */
export function formatOutcome(outcome: WorkflowOutcome<unknown>): string {
  const lines = [oneLine(outcome.summary), ...outcome.problems.map((p) => `  - ${oneLine(p)}`)];
  if (outcome.status === 'failed_part_way') {
    lines.push(
      outcome.changes.length === 0 ? 'changed: nothing' : 'changed:',
      ...outcome.changes.map((c) => `  ${oneLine(c)}`),
      `recover: ${oneLine(outcome.recovery ?? 'inspect the cluster')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
