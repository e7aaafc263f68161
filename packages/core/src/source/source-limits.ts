/**
 * Limits every file agent-cicd reads is held to, so a hostile or broken file fails as one located error instead
 * of exhausting memory or the stack.
 */
export interface SourceLimits {
  /** Largest file, in bytes. */
  maxBytes: number;
  /** Deepest nesting of objects/arrays (JSON and YAML). */
  maxDepth: number;
  /** Most YAML alias expansions per document (an "alias bomb" expands exponentially). */
  maxAliasCount: number;
}

/** Limits of the files people write: suites, cases, config, policy, manifest, mock scripts and tools. */
export const authoredFileLimits: SourceLimits = {
  maxBytes: 8 * 1024 * 1024,
  maxDepth: 256,
  maxAliasCount: 1000,
};

/** Limits of the files agent-cicd writes and reads back: run reports, journals, cassettes, release history. */
export const generatedFileLimits: SourceLimits = {
  maxBytes: 256 * 1024 * 1024,
  maxDepth: 256,
  maxAliasCount: 1000,
};

/** `8 MiB`, `1.5 GiB`, `512 bytes`. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} bytes` : `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}
