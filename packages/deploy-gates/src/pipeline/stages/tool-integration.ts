import { resolve } from 'node:path';
import { importModule, loadConfig, loadMockTools, type ToolSpec } from '@agent-cicd/core';
import { compileJsonSchema } from '@agent-cicd/core/testing';
import { z } from 'zod';
import { defineStage } from '../pipeline-stage.js';
import { loadToolsSuites } from '../tools-suite.js';

export const ToolIntegrationOptionsSchema = z
  .object({
    /** Where `*.tools.yaml` suites are searched. */
    dir: z.string().min(1).default('.'),
    /** Which implementations: the config's tools module (`real`) or its mock tools file (`mock`). */
    tools: z.enum(['real', 'mock']).default('real'),
    timeoutSeconds: z.number().positive().default(30),
  })
  .strict();

/**
 * `tool_integration`: each tool a `tools` suite names is called — its real implementation from the config's
 * tools module — with every sample, and the sample must meet the tool's parameter schema and the result the
 * suite's output schema. A tool declared but not covered by any tools suite, a throw, or a schema miss fails.
 */
export const toolIntegrationStage = defineStage({
  name: 'tool_integration',
  description: "each declared tool's implementation called with samples, results checked against its output schema",
  options: ToolIntegrationOptionsSchema,
  async run(context) {
    const { cwd, options } = context;
    const { root, config } = await loadConfig({ cwd, file: context.configFile });
    let tools: ToolSpec[] = [];
    if (options.tools === 'mock') {
      if (config.mock?.tools) tools = await loadMockTools(resolve(root, config.mock.tools));
    } else if (config.tools) {
      const module = (await importModule(resolve(root, config.tools.module))) as { tools?: unknown; default?: unknown };
      tools = (module.tools ?? module.default ?? []) as ToolSpec[];
    }
    const suites = await loadToolsSuites(cwd, options.dir);
    if (tools.length === 0) {
      return {
        status: suites.length === 0 ? 'passed' : 'failed',
        summary:
          suites.length === 0
            ? 'no tools declared (config tools.module) and no tools suites'
            : `tools suites exist but no ${options.tools} tools are declared (config ${options.tools === 'real' ? 'tools.module' : 'mock.tools'})`,
      };
    }
    const problems: string[] = [];
    let calls = 0;
    const covered = new Set<string>();
    for (const { file, suite } of suites) {
      for (const entry of suite.tools) {
        const tool = tools.find((candidate) => candidate.name === entry.name);
        if (tool === undefined) {
          problems.push(`${file}: tool "${entry.name}" is not declared`);
          continue;
        }
        covered.add(entry.name);
        const parameters = compileJsonSchema(tool.parameters);
        const output = compileJsonSchema(entry.output);
        for (const [index, sample] of entry.samples.entries()) {
          const where = `${file}: ${entry.name} sample ${index + 1}`;
          const badArgs = parameters.validate(sample);
          if (badArgs.length > 0) {
            problems.push(`${where}: arguments do not meet the parameter schema: ${badArgs.join('; ')}`);
            continue;
          }
          calls++;
          try {
            const signal = AbortSignal.timeout(options.timeoutSeconds * 1000);
            const result = await Promise.race([
              Promise.resolve(tool.handler(sample, { signal })),
              new Promise((_, reject) =>
                signal.addEventListener('abort', () =>
                  reject(new Error(`timed out after ${options.timeoutSeconds} s`)),
                ),
              ),
            ]);
            const badResult = output.validate(result);
            if (badResult.length > 0)
              problems.push(`${where}: result does not meet the output schema: ${badResult.join('; ')}`);
          } catch (error) {
            problems.push(`${where}: threw ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      }
    }
    for (const tool of tools)
      if (!covered.has(tool.name))
        problems.push(`tool "${tool.name}" has no tools suite entry (samples and output schema)`);
    return {
      status: problems.length === 0 ? 'passed' : 'failed',
      summary: `${tools.length} tools, ${calls} sample calls in ${suites.length} tools suite${suites.length === 1 ? '' : 's'}: ${problems.length === 0 ? 'every result meets its output schema' : `${problems.length} problems`}`,
      details: {
        tools: tools.map((tool) => tool.name),
        calls,
        ...(problems.length === 0 ? {} : { output: problems.join('\n') }),
      },
    };
  },
});
