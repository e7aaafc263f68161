import { describe, expect, it } from 'vitest';
import { formatUserError } from '../errors.js';
import { lintPromptTemplate } from './lint-prompt-template.js';
import { renderPrompt } from './render-prompt.js';

function renderError(template: string, vars: Record<string, unknown>): string {
  try {
    renderPrompt(template, vars, { file: 'prompts/p.hbs' });
  } catch (error) {
    return formatUserError(error as never);
  }
  return 'no error';
}

const lines = (text: string, declared?: string[]): string[] =>
  lintPromptTemplate(text, { file: 'p.hbs', variables: declared }).map(
    (d) => `${d.severity} ${d.location.line ?? '-'}:${d.location.column ?? '-'} ${d.message}`,
  );

describe('renderPrompt', () => {
  it('renders without HTML escaping, with the built-in block helpers', () => {
    const template =
      'Hi {{user.name}} & co.{{#if vip}} <VIP>{{/if}}{{#each items as |item|}} [{{@index}}:{{item}}]{{/each}}';
    expect(renderPrompt(template, { user: { name: 'Ann "A"' }, vip: true, items: ['a', 'b'] })).toBe(
      'Hi Ann "A" & co. <VIP> [0:a] [1:b]',
    );
  });

  it('is strict: a missing variable is an error naming it and its position', () => {
    expect(renderError('Hello\n  {{company}}', {})).toBe('prompts/p.hbs:2:5: missing template variable "company"');
    expect(renderError('{{user.name}}', { user: {} })).toBe('prompts/p.hbs:1:3: missing template variable "user.name"');
  });
});

describe('lintPromptTemplate', () => {
  it('finds an unclosed {{ and unclosed blocks at the opening', () => {
    expect(lines('ok\nHello {{name, bye')).toEqual(['error 2:7 unclosed "{{": no matching "}}"']);
    expect(lines('{{#if a}}x')).toEqual(['error 1:1 unclosed block "{{#if}}": no "{{/if}}"']);
    expect(lines('{{#if a}}x{{/each}}')).toEqual(['error 1:11 "{{/each}}" closes "{{#if}}" opened at 1:1']);
  });

  it('reports parse errors with line and column', () => {
    expect(lines('line one\nline {{ a b }} two {{}}')).toEqual([
      "error 2:22 template parse error: Expecting 'ID', 'STRING', 'NUMBER', 'BOOLEAN', 'UNDEFINED', 'NULL', 'DATA', got 'CLOSE'",
    ]);
  });

  it('checks used against declared variables, ignoring block-local names', () => {
    const template =
      '{{company}} {{#each rules as |rule|}}{{rule}} {{title}} {{@index}}{{/each}} {{#with user}}{{name}}{{/with}} {{tone}}';
    expect(lines(template, ['company', 'rules', 'user', 'unused'])).toEqual([
      'error 1:111 variable "tone" is used but not declared (add it to the manifest version\'s variables)',
      'warning -:- variable "unused" is declared but not used in p.hbs',
    ]);
    expect(lines(template)).toEqual([]);
  });

  it('rejects partials and unknown helpers, which strict rendering cannot run', () => {
    expect(lines('{{> header}} {{upper name}}')).toEqual([
      'error 1:1 partials are not supported in prompt templates',
      'error 1:14 unknown helper "upper" (only if, unless, each, with, lookup, log)',
    ]);
  });
});
