import Handlebars from 'handlebars';
import { AgentCicdError } from '../errors.js';
import { parseTemplate } from './parse-template.js';
import { templateUsage } from './template-variables.js';

type Render = (vars: Record<string, unknown>) => string;

/** Compiled templates by source text; prompts are few and rendered many times. */
const cache = new Map<string, Render>();
const CACHE_LIMIT = 200;

function compile(template: string, file: string): Render {
  const cached = cache.get(template);
  if (cached) return cached;
  const program = parseTemplate(template, file);
  // A fresh environment: no helpers or partials registered by anyone else leak in.
  const render = Handlebars.create().compile(program, { strict: true, noEscape: true, knownHelpersOnly: false });
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(template, render);
  return render;
}

/**
 * Renders a Handlebars prompt template in strict mode: a variable the template uses but `vars` lacks is an
 * `AGENT_CICD_TEMPLATE_VARIABLE_MISSING` error naming it, with the line and column of its use. Output is not
 * HTML-escaped (prompts are not HTML).
 */
export function renderPrompt(template: string, vars: Record<string, unknown>, options: { file?: string } = {}): string {
  const file = options.file ?? '<template>';
  const render = compile(template, file);
  try {
    return render(vars);
  } catch (error) {
    const exception = error as Error & { lineNumber?: number; column?: number };
    const missing = /^"(.+)" not defined in /.exec(exception.message);
    const position =
      exception.lineNumber === undefined ? {} : { line: exception.lineNumber, column: (exception.column ?? 0) + 1 };
    if (missing) {
      const use = templateUsage(parseTemplate(template, file)).variables.find(
        (variable) => variable.position.line === position.line && variable.position.column === position.column,
      );
      throw new AgentCicdError(
        'AGENT_CICD_TEMPLATE_VARIABLE_MISSING',
        `missing template variable "${use?.path ?? missing[1]}"`,
        {
          cause: error,
          location: { file, ...position },
        },
      );
    }
    const notObject = /^Cannot use 'in' operator to search for '(.+)' in /.exec(exception.message);
    const message = notObject
      ? `cannot look up "${notObject[1]}": its parent value is not an object`
      : exception.message.replace(/ - \d+:\d+$/, '');
    throw new AgentCicdError('AGENT_CICD_TEMPLATE_INVALID', `template error: ${message}`, {
      cause: error,
      location: { file, ...position },
    });
  }
}
