const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function vlq(value: number): string {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = '';
  do {
    let digit = rest & 31;
    rest >>>= 5;
    if (rest > 0) digit |= 32;
    out += base64[digit];
  } while (rest > 0);
  return out;
}

/** A version-3 source map, the shape Vite's `transform` hook accepts. */
export interface SourceMapV3 {
  version: 3;
  file: string;
  sources: string[];
  sourcesContent: string[];
  names: string[];
  mappings: string;
}

/**
 * Builds a source map that maps each generated line (0-based index into `sourceLines`) to a 1-based line of
 * the one original file, column 0. Our generated modules are line-oriented (one `test` per line), so a
 * line-to-line map is all a failure location needs; no library is worth it for this.
 */
export function lineSourceMap(options: { file: string; source: string; sourceLines: number[] }): SourceMapV3 {
  let previousLine = 0;
  const mappings = options.sourceLines
    .map((line) => {
      const zeroBased = Math.max(0, line - 1);
      const segment = `A${vlq(0)}${vlq(zeroBased - previousLine)}A`;
      previousLine = zeroBased;
      return segment;
    })
    .join(';');
  return {
    version: 3,
    file: options.file,
    sources: [options.file],
    sourcesContent: [options.source],
    names: [],
    mappings,
  };
}
