/** A segment of a field path: an object key or an array index. */
export type PathSegment = string | number;

/** 1-based position in a file. */
export interface Position {
  line: number;
  column: number;
}

/** A parsed data file that can say where each value (or key) came from. */
export interface SourceDocument {
  file: string;
  /** The plain data (what `JSON.parse` would give). */
  value: unknown;
  /**
   * Where `path` is in the file: its key (`at: 'key'`) or its value. When the path does not exist, the
   * position of the deepest enclosing value that does. Undefined for data that has no text (a JS config).
   */
  locate(path: readonly PathSegment[], at?: 'key' | 'value'): Position | undefined;
  /**
   * The 1-based line of each item of the array at `path`, when the parse recorded them cheaply (the first levels of
   * a YAML file); `undefined` otherwise — ask {@link locate} for each item.
   */
  itemLines?(path: readonly PathSegment[]): number[] | undefined;
}

/** A document for data that came from code (e.g. a `.ts` config's default export): errors name file and path only. */
export function dataSource(value: unknown, file: string): SourceDocument {
  return { file, value, locate: () => undefined };
}

/** Formats a path the way users write it: `cases[2].expected_tools`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}
