export type { SourceLocation } from './errors.js';
export { AgentCicdError, formatLocation, formatUserError } from './errors.js';
export type {
  ChatMessage,
  FinishReason,
  LlmClient,
  LlmRequest,
  LlmResponse,
  LlmUsage,
  ToolCall,
  ToolDefinition,
} from './llm/types.js';
