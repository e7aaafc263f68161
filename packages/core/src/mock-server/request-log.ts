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

/**
 * A request-log entry. A class rather than an object literal, on purpose: V8 tracks object literals by allocation
 * site and, seeing one whose objects all survive (the log keeps thousands of them), starts allocating them straight
 * in the old generation ("allocation-site pretenuring"). An old entry then keeps every young object it points to
 * alive until the next full GC, and about one server process in five settled into a mode where half of each young
 * generation survived (~50 instead of ~30 µs of CPU per request). Instances of a class are not tracked that way:
 * entries are promoted like any survivor and per-request garbage dies young. Optional fields are only declared, so
 * an entry has no `undefined` own properties.
 */
export class LoggedRequest implements MockServerRequest {
  id: number;
  method: string;
  path: string;
  api: MockServerRequest['api'];
  declare model?: string;
  stream: boolean;
  offeredTools: string[];
  calledTools: string[];
  declare lastUserMessage?: string;
  declare caseId?: string;
  status: number;
  declare fault?: FaultType;
  declare error?: string;
  startedAt: number;
  declare durationMs?: number;

  constructor(id: number, method: string, path: string, api: MockServerRequest['api'], startedAt: number) {
    this.id = id;
    this.method = method;
    this.path = path;
    this.api = api;
    this.stream = false;
    this.offeredTools = NO_TOOLS;
    this.calledTools = NO_TOOLS;
    this.status = 0;
    this.startedAt = startedAt;
  }
}
