import { createHash } from 'node:crypto';

/** `sha256:<hex>` of the exact bytes (no line-ending or whitespace normalisation). */
export function hashPromptBytes(bytes: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
