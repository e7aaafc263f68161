import { z } from 'zod';
import { matchArguments } from '../eval/match-arguments.js';
import { loadSourceFile } from '../source/load-source-file.js';
import { validateSource } from '../source/validate-source.js';
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

/** Reads mock tools from a YAML or JSON file `{ tools: [...] }` through the guarded loader (located errors). */
export async function loadMockTools(file: string): Promise<ToolSpec[]> {
  const doc = await loadSourceFile(file);
  return createMockTools(validateSource(doc, MockToolsFileSchema, 'AGENT_CICD_TOOL_INVALID').tools);
}
