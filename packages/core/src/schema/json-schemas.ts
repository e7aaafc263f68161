import { z } from 'zod';
import { CheckInputSchema, CheckSchema, checkSchemas } from '../checks/check-schema.js';
import { ConfigInputSchema } from '../config/config-schema.js';
import { ManifestSchema } from '../prompts/manifest-schema.js';
import { PromptTestCaseListSchema } from './prompt-test-case.js';
import { RunReportSchema } from './report.js';
import { snakeCaseAliasesOf } from './snake-case-aliases.js';
import { SuiteInputSchema } from './suite.js';

type JsonObject = Record<string, unknown>;

/** Adds the snake_case spelling of every aliased key: either spelling satisfies `required`, both together are invalid. */
function addSnakeCaseAliases(ctx: { zodSchema: object; jsonSchema: JsonObject }): void {
  const aliases = snakeCaseAliasesOf(ctx.zodSchema);
  const properties = ctx.jsonSchema.properties as Record<string, unknown> | undefined;
  if (!aliases || !properties) return;
  const required = new Set((ctx.jsonSchema.required as string[] | undefined) ?? []);
  const rules: JsonObject[] = [];
  for (const [snake, camel] of aliases) {
    if (!(camel in properties)) continue;
    properties[snake] = properties[camel];
    rules.push({ not: { required: [camel, snake] } });
    if (required.delete(camel)) rules.push({ anyOf: [{ required: [camel] }, { required: [snake] }] });
  }
  if (required.size > 0) ctx.jsonSchema.required = [...required];
  else delete ctx.jsonSchema.required;
  if (rules.length > 0)
    ctx.jsonSchema.allOf = [...((ctx.jsonSchema.allOf as JsonObject[] | undefined) ?? []), ...rules];
}

/** A case's `checks` item: the union of the check types (the zod schema dispatches on `type` for better errors). */
function expandChecks(ctx: { zodSchema: object; jsonSchema: JsonObject }): void {
  if (ctx.zodSchema !== CheckSchema && ctx.zodSchema !== CheckInputSchema) return;
  for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
  ctx.jsonSchema.anyOf = Object.values(checkSchemas).map((schema) => {
    const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'input', override: addSnakeCaseAliases });
    return rest;
  });
}

function override(ctx: { zodSchema: object; jsonSchema: JsonObject }): void {
  addSnakeCaseAliases(ctx);
  expandChecks(ctx);
}

function inputSchema(schema: z.ZodType, title: string, description: string): JsonObject {
  return {
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', override }),
    title,
    description,
  };
}

/**
 * The JSON Schemas shipped in `@agent-cicd/core/schemas/`, generated from the zod schemas (`npm run schemas`).
 * Input files describe what users may write (either key spelling); the run report describes what we write.
 */
export function generateJsonSchemas(): Record<string, JsonObject> {
  return {
    'suite.schema.json': inputSchema(SuiteInputSchema, 'agent-cicd suite', 'A *.prompt.yaml / *.suite.yaml file.'),
    'prompt-test-cases.schema.json': inputSchema(
      PromptTestCaseListSchema,
      'agent-cicd test cases',
      'A JSON array of test cases (*.cases.json, the seed format tests/prompt_test_cases.json).',
    ),
    'config.schema.json': inputSchema(ConfigInputSchema, 'agent-cicd config', 'agent-cicd.config.yaml'),
    'manifest.schema.json': inputSchema(ManifestSchema, 'agent-cicd prompt manifest', 'prompts/manifest.yaml'),
    'run-report.schema.json': {
      ...z.toJSONSchema(RunReportSchema, { io: 'output' }),
      title: 'agent-cicd run report',
      description: 'The versioned report written by a run (schemaVersion 1; 2 for matrix runs, with every cell).',
    },
  };
}
