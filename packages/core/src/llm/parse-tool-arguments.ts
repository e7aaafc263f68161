import type { ToolCall } from './types.js';

/**
 * A tool call from the JSON text of its arguments. Models sometimes emit invalid JSON; then `arguments` is `{}`
 * and `rawArguments` keeps the text, so the agent loop can report the mistake back to the model.
 */
export function parseToolCall(id: string, name: string, text: string): ToolCall {
  if (text.trim() === '') return { id, name, arguments: {} };
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return { id, name, arguments: parsed as Record<string, unknown> };
    }
  } catch {
    // fall through: keep the raw text
  }
  return { id, name, arguments: {}, rawArguments: text };
}
