import type { FaultType } from './faults.js';

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
