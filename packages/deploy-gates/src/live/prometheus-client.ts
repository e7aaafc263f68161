import { AgentCicdError } from '@agent-cicd/core';
import { GateErrorCode } from '../gate-errors.js';

/** One series of an instant vector: its labels and its value at the evaluation time (or its timestamp). */
export interface PromSample {
  labels: Record<string, string>;
  /** Unix seconds the value belongs to. */
  time: number;
  value: number;
}

/** One series of a range query: its labels and its points, oldest first. */
export interface PromSeries {
  labels: Record<string, string>;
  points: Array<{ time: number; value: number }>;
}

export interface PrometheusClient {
  readonly url: string;
  /** `GET /api/v1/query`: an instant vector (a scalar comes back as one sample without labels). */
  query(promql: string, options?: { time?: number }): Promise<PromSample[]>;
  /** `GET /api/v1/query_range`: a matrix. Times in unix seconds, `step` in seconds. */
  queryRange(promql: string, range: { start: number; end: number; step: number }): Promise<PromSeries[]>;
}

export interface PrometheusClientOptions {
  /** Base URL, e.g. `http://prometheus:9090` (a path prefix such as `/prometheus` is kept). */
  url: string;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Per request. @default 10000 */
  timeoutMs?: number;
  /** Extra headers, e.g. `Authorization` for a hosted Prometheus. Never logged. */
  headers?: Record<string, string>;
}

/** Prometheus could not answer a query: unreachable, an HTTP or PromQL error, or an unexpected body. */
export class PrometheusError extends AgentCicdError {
  constructor(
    message: string,
    readonly query: string,
    options: { cause?: unknown } = {},
  ) {
    super(GateErrorCode.prometheusError, message, options);
    this.name = 'PrometheusError';
  }
}

interface ApiResponse {
  status?: string;
  error?: string;
  errorType?: string;
  data?: { resultType?: string; result?: unknown };
}

const toNumber = (text: unknown): number => (typeof text === 'string' ? Number(text) : Number.NaN);

/**
 * A client of the Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`). Every failure — network, timeout,
 * HTTP status, `status: "error"`, a body that is not a vector/matrix — is a {@link PrometheusError}, never an
 * empty result, so callers cannot mistake an outage for "no errors".
 */
export function createPrometheusClient(options: PrometheusClientOptions): PrometheusClient {
  const base = options.url.replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(base);
  } catch (cause) {
    throw new AgentCicdError(GateErrorCode.queryInvalid, `not a Prometheus URL: ${options.url}`, { cause });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new AgentCicdError(GateErrorCode.queryInvalid, `a Prometheus URL must be http(s), got ${options.url}`);
  }
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function call(path: string, params: Record<string, string>, promql: string): Promise<unknown> {
    const body = new URLSearchParams(params);
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
        body: body.toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw new PrometheusError(`Prometheus at ${base} is unreachable: ${(cause as Error).message}`, promql, { cause });
    }
    let json: ApiResponse;
    try {
      json = (await response.json()) as ApiResponse;
    } catch (cause) {
      throw new PrometheusError(`Prometheus answered HTTP ${response.status} without a JSON body`, promql, { cause });
    }
    if (!response.ok || json.status !== 'success') {
      const why = json.error ? `${json.errorType ?? 'error'}: ${json.error}` : `HTTP ${response.status}`;
      throw new PrometheusError(`Prometheus query failed (${why}): ${promql}`, promql);
    }
    return json.data;
  }

  return {
    url: base,
    async query(promql, queryOptions = {}) {
      const data = (await call(
        '/api/v1/query',
        { query: promql, ...(queryOptions.time === undefined ? {} : { time: String(queryOptions.time) }) },
        promql,
      )) as ApiResponse['data'];
      if (data?.resultType === 'scalar' && Array.isArray(data.result)) {
        const [time, value] = data.result as [number, string];
        return [{ labels: {}, time, value: toNumber(value) }];
      }
      if (data?.resultType !== 'vector' || !Array.isArray(data.result)) {
        throw new PrometheusError(
          `expected an instant vector, got ${data?.resultType ?? 'nothing'}: ${promql}`,
          promql,
        );
      }
      return (data.result as Array<{ metric?: Record<string, string>; value?: [number, string] }>).map((row) => {
        if (!Array.isArray(row.value)) throw new PrometheusError(`a vector sample without a value: ${promql}`, promql);
        return { labels: row.metric ?? {}, time: row.value[0], value: toNumber(row.value[1]) };
      });
    },
    async queryRange(promql, range) {
      const data = (await call(
        '/api/v1/query_range',
        { query: promql, start: String(range.start), end: String(range.end), step: String(range.step) },
        promql,
      )) as ApiResponse['data'];
      if (data?.resultType !== 'matrix' || !Array.isArray(data.result)) {
        throw new PrometheusError(`expected a range matrix, got ${data?.resultType ?? 'nothing'}: ${promql}`, promql);
      }
      return (data.result as Array<{ metric?: Record<string, string>; values?: Array<[number, string]> }>).map(
        (row) => ({
          labels: row.metric ?? {},
          points: (row.values ?? []).map(([time, value]) => ({ time, value: toNumber(value) })),
        }),
      );
    },
  };
}
