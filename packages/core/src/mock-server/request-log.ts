import type { FaultType } from './faults.js';

/**
 * The tool list of a log entry without tools: one shared frozen array, so the log (kept for thousands of requests)
 * does not hold two empty arrays per entry.
 */
export const NO_TOOLS: string[] = Object.freeze([]) as unknown as string[];

/** One request the mock server saw; `requests` and `GET /_mock/requests` expose these. */
export interface MockServerRequest {
  /** 1-based, in arrival order. */
  id: number;
  method: string;
  path: string;
  api: 'openai' | 'anthropic' | 'models' | 'embeddings' | 'control' | 'unknown';
  model?: string;
  stream: boolean;
  /** Tools the request offered, by name. */
  offeredTools: string[];
  /** Tools the answer called, by name. */
  calledTools: string[];
  lastUserMessage?: string;
  caseId?: string;
  /** HTTP status sent (0 while in flight or when the connection was cut before headers). */
  status: number;
  /** The injected fault, if any. */
  fault?: FaultType;
  /** Error message for non-2xx answers. */
  error?: string;
  /** Epoch ms when the request arrived (from the server clock). */
  startedAt: number;
  durationMs?: number;
}
