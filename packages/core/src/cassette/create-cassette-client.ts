import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { AgentCicdError } from '../errors.js';
import type { EmbeddingRequest, EmbeddingResponse, LlmClient, LlmRequest, LlmResponse } from '../llm/types.js';
import { defaultSleep, type Sleep } from '../mock/create-mock-llm.js';
import { canonicalJson, sortKeysDeep } from './canonical-json.js';
import {
  type CassetteEntry,
  type CassetteFile,
  type EmbeddingEntry,
  readCassetteFile,
  writeCassetteFile,
} from './cassette-file.js';
import { canonicalRequest, cassetteKey } from './cassette-key.js';
import { createRedactor } from './redact-secrets.js';

/** `record`: always call and (re)write; `replay`: only from the cassette, a miss is an error; `auto`: replay, record misses; `off`: pass through. */
export type CassetteMode = 'record' | 'replay' | 'auto' | 'off';

export interface CassetteClientOptions {
  /** The client that answers when recording (any `LlmClient`). */
  inner: LlmClient;
  mode: CassetteMode;
  /** One cassette file for every request. Give `file` or `dir`. */
  file?: string;
  /** One file per case: `<dir>/<caseId>.cassette.json` (`default.cassette.json` when the request has no `metadata.caseId`). */
  dir?: string;
  /** Secret values (API keys from config or env) that must never be written. */
  secrets?: readonly string[];
  /** Extra strings or patterns to redact. */
  redact?: readonly (string | RegExp)[];
  /** Provider id in the key. @default inner.provider */
  provider?: string;
  /** On replay, wait the recorded latency (through `sleep`). @default false */
  replayLatency?: boolean;
  /** @default a setTimeout that honours the request's AbortSignal */
  sleep?: Sleep;
  /** Store the provider's raw response too. @default true */
  keepRaw?: boolean;
}

/** An `LlmClient` that records to and replays from cassettes. */
export interface CassetteClient extends LlmClient {
  readonly mode: CassetteMode;
  /** The cassette file a request belongs to. */
  pathFor(request: Pick<LlmRequest, 'metadata'>): string;
}

// One write queue per cassette path for the whole process, so concurrent clients never lose each other's entries.
const writeQueues = new Map<string, Promise<unknown>>();

function serialized<T>(path: string, task: () => Promise<T>): Promise<T> {
  const previous = writeQueues.get(path) ?? Promise.resolve();
  const next = previous.then(task, task);
  const settled = next.catch(() => undefined);
  writeQueues.set(path, settled);
  void settled.then(() => {
    if (writeQueues.get(path) === settled) writeQueues.delete(path);
  });
  return next;
}

const safeFileName = (name: string): string => name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120) || 'default';

const MODES: readonly CassetteMode[] = ['record', 'replay', 'auto', 'off'];

/**
 * Picks the cassette mode: the `--cassette` flag, else `AGENT_CICD_CASSETTE`, else `fallback`.
 * @default fallback 'off'
 */
export function resolveCassetteMode(options: {
  flag?: string;
  env?: Record<string, string | undefined>;
  fallback?: CassetteMode;
}): CassetteMode {
  const value = options.flag ?? options.env?.AGENT_CICD_CASSETTE ?? options.fallback ?? 'off';
  if (!(MODES as readonly string[]).includes(value)) {
    throw new AgentCicdError(
      'AGENT_CICD_CASSETTE_MODE_INVALID',
      `unknown cassette mode "${value}" (expected ${MODES.join(', ')})`,
    );
  }
  return value as CassetteMode;
}

/**
 * Wraps any `LlmClient` with record/replay. The key is the sha256 of the canonical JSON of (provider, model,
 * system, messages, tools, temperature, maxTokens, toolChoice) after redaction, so it does not depend on
 * signal, metadata or stream. Secrets are redacted from both request and response before anything is written.
 */
export function createCassetteClient(options: CassetteClientOptions): CassetteClient {
  const { inner, mode } = options;
  if ((options.file === undefined) === (options.dir === undefined)) {
    throw new AgentCicdError(
      'AGENT_CICD_CASSETTE_OPTIONS_INVALID',
      'give exactly one of `file` or `dir` for a cassette',
    );
  }
  const provider = options.provider ?? inner.provider;
  const redact = createRedactor(options);
  const sleep = options.sleep ?? defaultSleep;
  const keepRaw = options.keepRaw ?? true;
  const loaded = new Map<string, Promise<CassetteFile>>();
  // Per (file, case, key): the highest trial that wrote the entry. Trials of a case run concurrently and may send
  // the same request; the file keeps the highest trial's answer, as when they ran one after another.
  const writtenBy = new Map<string, number>();

  const pathFor = (request: Pick<LlmRequest, 'metadata'>): string =>
    options.file ?? join(options.dir ?? '.', `${safeFileName(request.metadata?.caseId ?? 'default')}.cassette.json`);

  const load = (path: string): Promise<CassetteFile> => {
    let cassette = loaded.get(path);
    if (!cassette) {
      cassette = readCassetteFile(path);
      loaded.set(path, cassette);
      cassette.catch(() => loaded.delete(path));
    }
    return cassette;
  };

  async function complete(request: LlmRequest): Promise<LlmResponse> {
    if (mode === 'off') return inner.complete(request);
    const canonical = redact(canonicalRequest(provider, request));
    const key = cassetteKey(canonical);
    const path = pathFor(request);
    if (mode !== 'record') {
      const entry = (await load(path)).entries[key];
      if (entry) {
        if (options.replayLatency && entry.response.latencyMs > 0)
          await sleep(entry.response.latencyMs, request.signal);
        // A sorted deep copy: the same bytes as at record time, and callers cannot mutate the cache.
        return sortKeysDeep(entry.response) as LlmResponse;
      }
      if (mode === 'replay') {
        const caseId = request.metadata?.caseId;
        throw new AgentCicdError(
          'AGENT_CICD_CASSETTE_MISS',
          `no recorded answer for ${caseId ? `case "${caseId}"` : 'this request'} (key ${key.slice(0, 12)}) in ${path}; record it with AGENT_CICD_CASSETTE=record or --cassette record`,
          { location: { file: path } },
        );
      }
    }
    const response = await inner.complete(request);
    const stored = redact(sortKeysDeep(keepRaw ? response : { ...response, raw: undefined }));
    const trial = Number(request.metadata?.trial ?? Number.NaN);
    const writer = `${path}\0${request.metadata?.caseId ?? ''}\0${key}`;
    await serialized(path, async () => {
      if (Number.isInteger(trial)) {
        // A later trial already wrote this entry: keep it (the file does not depend on which trial finished last).
        if ((writtenBy.get(writer) ?? -1) > trial) return;
        writtenBy.set(writer, trial);
      }
      // Re-read under the lock so entries written meanwhile (another client, another process) are kept.
      const current = await readCassetteFile(path);
      current.entries[key] = {
        request: canonical as unknown as CassetteEntry['request'],
        response: stored as CassetteEntry['response'],
      };
      await writeCassetteFile(path, current);
      loaded.set(path, Promise.resolve(current));
    });
    return sortKeysDeep(response);
  }

  /** Embeddings are keyed like completions: provider, model and the (redacted) inputs. */
  async function embed(request: EmbeddingRequest): Promise<EmbeddingResponse> {
    const call = (): Promise<EmbeddingResponse> => {
      if (!inner.embed) {
        throw new AgentCicdError(
          'AGENT_CICD_EMBEDDINGS_UNSUPPORTED',
          `the ${inner.provider} provider has no embeddings API; the similar check needs an OpenAI-compatible provider or the mock`,
        );
      }
      return inner.embed(request);
    };
    if (mode === 'off') return call();
    const canonical = redact({ provider, kind: 'embedding', model: request.model ?? null, input: request.input });
    const key = createHash('sha256').update(canonicalJson(canonical)).digest('hex');
    const path = pathFor(request);
    if (mode !== 'record') {
      const entry = (await load(path)).embeddings?.[key];
      if (entry) return sortKeysDeep(entry.response) as EmbeddingResponse;
      if (mode === 'replay') {
        throw new AgentCicdError(
          'AGENT_CICD_CASSETTE_MISS',
          `no recorded embeddings for ${request.metadata?.caseId ? `case "${request.metadata.caseId}"` : 'this request'} (key ${key.slice(0, 12)}) in ${path}; record it with AGENT_CICD_CASSETTE=record or --cassette record`,
          { location: { file: path } },
        );
      }
    }
    const response = await call();
    await serialized(path, async () => {
      const current = await readCassetteFile(path);
      current.embeddings = {
        ...current.embeddings,
        [key]: {
          request: canonical as EmbeddingEntry['request'],
          response: redact(sortKeysDeep(response)) as EmbeddingEntry['response'],
        },
      };
      await writeCassetteFile(path, current);
      loaded.set(path, Promise.resolve(current));
    });
    return response;
  }

  return { provider: inner.provider, mode, pathFor, complete, embed };
}
