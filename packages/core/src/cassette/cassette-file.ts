import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { AgentCicdError } from '../errors.js';
import { parseGeneratedJson } from '../source/parse-generated-json.js';
import { readTextFile } from '../source/read-text-file.js';
import { generatedFileLimits } from '../source/source-limits.js';
import { validateSource } from '../source/validate-source.js';
import { sortKeysDeep } from './canonical-json.js';

const ToolCallSchema = z.object({ id: z.string(), name: z.string(), arguments: z.record(z.string(), z.unknown()) });

/** A recorded `LlmResponse` (extra fields are kept). */
export const RecordedResponseSchema = z.looseObject({
  text: z.string(),
  toolCalls: z.array(ToolCallSchema),
  usage: z.looseObject({ inputTokens: z.number(), outputTokens: z.number() }),
  latencyMs: z.number(),
  timeToFirstTokenMs: z.number().optional(),
  model: z.string(),
  finishReason: z.enum(['stop', 'tool_calls', 'length', 'content_filter', 'error', 'other']),
  costUsd: z.number().optional(),
  raw: z.unknown().optional(),
});

export const CassetteEntrySchema = z.object({
  /** The canonical request (redacted), for reviewers: a diff shows what changed in the prompt. */
  request: z.record(z.string(), z.unknown()),
  response: RecordedResponseSchema,
});

/** A recorded embeddings call (the `similar` check). */
export const EmbeddingEntrySchema = z.object({
  request: z.record(z.string(), z.unknown()),
  response: z.looseObject({
    vectors: z.array(z.array(z.number())),
    model: z.string(),
    usage: z.looseObject({ inputTokens: z.number() }),
    latencyMs: z.number(),
    costUsd: z.number().optional(),
  }),
});

/** A cassette file: `entries` (and `embeddings`) keyed by the sha256 of the canonical request, written with sorted keys. */
export const CassetteFileSchema = z.object({
  version: z.literal(1),
  entries: z.record(z.string(), CassetteEntrySchema),
  embeddings: z.record(z.string(), EmbeddingEntrySchema).optional(),
});

export type CassetteEntry = z.infer<typeof CassetteEntrySchema>;
export type EmbeddingEntry = z.infer<typeof EmbeddingEntrySchema>;
export type CassetteFile = z.infer<typeof CassetteFileSchema>;

/**
 * Reads a cassette through the guarded loader; a missing file is an empty cassette, an unreadable, oversized or
 * malformed one a located error naming the file (`AGENT_CICD_CASSETTE_INVALID` for one that is not a cassette).
 */
export async function readCassetteFile(path: string): Promise<CassetteFile> {
  let text: string;
  try {
    text = await readTextFile(path, path, { maxBytes: generatedFileLimits.maxBytes });
  } catch (error) {
    if (error instanceof AgentCicdError && error.code === 'AGENT_CICD_FILE_NOT_FOUND')
      return { version: 1, entries: {} };
    throw error;
  }
  return validateSource(parseGeneratedJson(text, path), CassetteFileSchema, 'AGENT_CICD_CASSETTE_INVALID');
}

/** Serialises a cassette the one stable way: sorted keys, 2-space indent, trailing newline. */
export function formatCassetteFile(cassette: CassetteFile): string {
  return `${JSON.stringify(sortKeysDeep(cassette), null, 2)}\n`;
}

/** Writes atomically: a temporary file in the same directory, then rename, so readers never see half a file. */
export async function writeCassetteFile(path: string, cassette: CassetteFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, formatCassetteFile(cassette), 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
