import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AgentCicdError } from '../errors.js';
import { matchArguments } from '../eval/match-arguments.js';
import type { ToolHandler, ToolSpec } from './tool-registry.js';

/** One canned answer: returned when `when` matches the call's arguments (subset, `/regex/` strings). */
export const MockToolResponseSchema = z
  .object({
    when: z.record(z.string(), z.unknown()).optional(),
    /** Compare `when` exactly instead of as a subset. @default false */
    exact: z.boolean().default(false),
    result: z.unknown().optional(),
    /** Makes the call fail with this message (the model sees a tool error). */
    error: z.string().optional(),
  })
  .strict();

export const MockToolFixtureSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).default({ type: 'object' }),
    /** Tried in order; the first whose `when` matches (or has no `when`) answers. */
    responses: z.array(MockToolResponseSchema).default([]),
  })
  .strict();
export type MockToolFixture = z.input<typeof MockToolFixtureSchema>;

export const MockToolsFileSchema = z.object({ tools: z.array(MockToolFixtureSchema) }).strict();

/** A mock tool given as code instead of fixtures. */
export interface MockToolFunction {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
  handler: ToolHandler;
}

/**
 * Mock tools: each answers from its fixtures (first matching `when`) or from a function. Recording of
 * calls is done by the registry's `ToolBox`, for mock and real tools alike.
 */
export function createMockTools(fixtures: Array<MockToolFixture | MockToolFunction>): ToolSpec[] {
  return fixtures.map((fixture) => {
    if ('handler' in fixture) {
      return { ...fixture, parameters: fixture.parameters ?? { type: 'object' } };
    }
    const parsed = MockToolFixtureSchema.parse(fixture);
    const handler: ToolHandler = (args) => {
      const response = parsed.responses.find(
        (candidate) =>
          candidate.when === undefined ||
          matchArguments(args, candidate.when, candidate.exact ? 'exact' : 'subset') === undefined,
      );
      if (!response) throw new Error(`no mock response of tool "${parsed.name}" matches ${JSON.stringify(args)}`);
      if (response.error !== undefined) throw new Error(response.error);
      return response.result ?? null;
    };
    return {
      name: parsed.name,
      ...(parsed.description === undefined ? {} : { description: parsed.description }),
      parameters: parsed.parameters,
      handler,
    };
  });
}

/** Reads mock tools from a YAML or JSON file `{ tools: [...] }`. */
export async function loadMockTools(file: string): Promise<ToolSpec[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new AgentCicdError('AGENT_CICD_FILE_NOT_FOUND', `cannot read mock tools: ${(cause as Error).message}`, {
      cause,
      location: { file },
    });
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (cause) {
    throw new AgentCicdError(
      'AGENT_CICD_TOOL_INVALID',
      `mock tools file is not valid YAML/JSON: ${(cause as Error).message}`,
      {
        cause,
        location: { file },
      },
    );
  }
  const parsed = MockToolsFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AgentCicdError('AGENT_CICD_TOOL_INVALID', issue?.message ?? 'invalid mock tools file', {
      location: { file, path: issue?.path.join('.') ?? '' },
    });
  }
  return createMockTools(parsed.data.tools);
}
