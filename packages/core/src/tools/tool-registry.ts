import { AgentCicdError } from '../errors.js';
import type { ToolDefinition } from '../llm/types.js';
import type { Violation } from '../schema/report.js';
import { type CompiledSchema, compileJsonSchema } from './compile-json-schema.js';

export interface ToolContext {
  signal?: AbortSignal;
}

/** Options of one `ToolBox.call`. */
export interface ToolCallOptions extends ToolContext {
  /** The model's argument text when it was not a JSON object: the call is refused with a `tool_arguments` violation. */
  rawArguments?: string;
}

/** Runs a tool; its return value is fed back to the model (strings as is, anything else as JSON). */
export type ToolHandler = (args: Record<string, unknown>, context: ToolContext) => unknown;

/** A tool: what the model sees (`name`, `description`, JSON Schema `parameters`) plus the code that answers. */
export interface ToolSpec extends ToolDefinition {
  handler: ToolHandler;
}

/** One call a model (or a module target) made, as recorded by a `ToolBox`. */
export interface ToolCallRecord {
  name: string;
  arguments: Record<string, unknown>;
  /** The handler's return value; absent when the call failed or was refused. */
  result?: unknown;
  /** Why the call failed or was refused (fed back to the model as a tool error). */
  error?: string;
  latencyMs: number;
  /** Set when the call breaks a rule of the test: bad arguments, unknown or disabled tool. */
  violation?: Violation;
}

/** The tools of one trial: calls are recorded here, so trials running in parallel never mix. */
export interface ToolBox {
  /** Definitions of the enabled tools, for `LlmRequest.tools`. */
  readonly definitions: ToolDefinition[];
  /** Calls a tool. Never throws for a bad call: it is recorded with a violation and an error result. */
  call(name: string, args: Record<string, unknown>, options?: ToolCallOptions): Promise<ToolCallRecord>;
  readonly calls: readonly ToolCallRecord[];
}

export interface ToolRegistry {
  /** Names of all registered tools, enabled or not. */
  readonly names: string[];
  readonly definitions: ToolDefinition[];
  /** A fresh recorder for one trial. */
  createToolBox(options?: { signal?: AbortSignal; clock?: () => number }): ToolBox;
}

export interface ToolRegistryOptions {
  tools: ToolSpec[];
  /** Tools the tier enables (`toolsEnabled`); a call to any other tool is a violation. @default all tools */
  enabled?: string[];
}

interface RegisteredTool {
  spec: ToolSpec;
  schema: CompiledSchema;
}

/** Builds a registry; each tool's parameter schema is compiled once, here. */
export function createToolRegistry(options: ToolRegistryOptions): ToolRegistry {
  const tools = new Map<string, RegisteredTool>();
  for (const spec of options.tools) {
    if (tools.has(spec.name))
      throw new AgentCicdError('AGENT_CICD_TOOL_INVALID', `tool "${spec.name}" is defined twice`);
    let schema: CompiledSchema;
    try {
      schema = compileJsonSchema(spec.parameters);
    } catch (cause) {
      throw new AgentCicdError(
        'AGENT_CICD_TOOL_INVALID',
        `tool "${spec.name}" has an invalid parameters schema: ${(cause as Error).message}`,
        { cause },
      );
    }
    tools.set(spec.name, { spec, schema });
  }
  const enabled = new Set(options.enabled ?? tools.keys());
  const definitions: ToolDefinition[] = [...tools.values()]
    .filter((tool) => enabled.has(tool.spec.name))
    .map(({ spec }) => ({
      name: spec.name,
      ...(spec.description === undefined ? {} : { description: spec.description }),
      parameters: spec.parameters,
    }));

  return {
    names: [...tools.keys()],
    definitions,
    createToolBox({ signal, clock = performance.now.bind(performance) } = {}) {
      const calls: ToolCallRecord[] = [];
      const refuse = (name: string, args: Record<string, unknown>, check: string, message: string): ToolCallRecord => {
        const record: ToolCallRecord = {
          name,
          arguments: args,
          error: message,
          latencyMs: 0,
          violation: { check, message, severity: 'failure' },
        };
        calls.push(record);
        return record;
      };
      return {
        definitions,
        calls,
        async call(name, args, callOptions = {}) {
          const tool = tools.get(name);
          if (!tool) return refuse(name, args, 'unknown_tool', `the agent called tool "${name}", which does not exist`);
          if (callOptions.rawArguments !== undefined) {
            const shown = JSON.stringify(callOptions.rawArguments.slice(0, 120));
            return refuse(
              name,
              args,
              'tool_arguments',
              `the agent called tool "${name}" with arguments that are not a JSON object: ${shown}`,
            );
          }
          if (!enabled.has(name)) {
            return refuse(
              name,
              args,
              'tool_not_enabled',
              `the agent called tool "${name}", which is not enabled in this tier`,
            );
          }
          const problems = tool.schema.validate(args);
          if (problems.length > 0) {
            return refuse(
              name,
              args,
              'tool_schema',
              `the agent called tool "${name}" with invalid arguments: ${problems.join('; ')}`,
            );
          }
          const started = clock();
          const record: ToolCallRecord = { name, arguments: args, latencyMs: 0 };
          calls.push(record);
          try {
            record.result = await tool.spec.handler(args, { signal: callOptions.signal ?? signal });
          } catch (error) {
            record.error = error instanceof Error ? error.message : String(error);
          }
          record.latencyMs = clock() - started;
          return record;
        },
      };
    },
  };
}
