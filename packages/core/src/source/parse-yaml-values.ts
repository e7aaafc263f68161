import { type LoadOptions, load } from 'js-yaml';
import type { PathSegment } from './source-document.js';
import type { SourceLimits } from './source-limits.js';
import { yamlCoreSchema } from './yaml-core-schema.js';

/** The values of a YAML document, read without building a located node tree. */
export interface YamlValues {
  value: unknown;
  /** See `SourceDocument.itemLines`. */
  itemLines(path: readonly PathSegment[]): number[] | undefined;
}

/** What js-yaml's listener sees (its published types leave these fields out). */
interface ListenerState {
  input: string;
  position: number;
  line: number;
  depth: number;
  kind: string | null;
  tag: string | null;
  anchor: string | null;
  result: unknown;
}

/** A node of the first levels of the document: where it starts, what it is, its children. */
interface Frame {
  line: number;
  kind?: string | null;
  value?: unknown;
  children?: Frame[];
}

/** Nodes this deep are recorded for `itemLines`: the root, its children and theirs (a suite's cases). */
const trackedDepth = 3;

/** Thrown from the listener to hand the file to the located parser. */
const decline = Symbol('decline');

/** A collection followed by `:` was a mapping key (`[a]: b`, `? {a: 1}\n: b`). */
const followedByColon = /(?:[ \t\r\n]|#[^\n]*)*:/y;

/**
 * Text the two parsers read differently, found by the differential fuzz test (besides {@link gluedComment}): an
 * escaped line break followed by an empty line in a double-quoted scalar, a tab in a line's indentation, a block
 * scalar's indentation indicator (`|2`) or a block scalar starting with a blank line, a document marker (`---`,
 * `...`) on an indented line, and an empty sequence entry (`-` alone, or with a comment: js-yaml nests the next,
 * less indented, entry inside it).
 */
const divergentText = new RegExp(
  [
    /\\\r?\n[ \t]*\r?\n/,
    /^ *\t/,
    /(?:^|[ \t])[|>](?:[-+]?[1-9]|[1-9][-+])[ \t]*(?:#.*)?\r?$/,
    /(?:^|[ \t])[|>][-+]?[ \t]*(?:#.*)?\r?\n[ \t]+\r?\n/,
    /^[ \t]+(?:\.\.\.|---)(?:[ \t]|$)/,
    /(?:^|[ \t])-[ \t]*(?:#.*)?\r?$/,
  ]
    .map((pattern) => pattern.source)
    .join('|'),
  'm',
);

function isCollection(kind: string | null): boolean {
  return kind === 'mapping' || kind === 'sequence';
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where a node opened at `position` starts (js-yaml may open it before the white space that precedes it). */
function firstContent(input: string, position: number): number {
  let at = position;
  while (at < input.length && /[ \t\r\n]/.test(input[at] as string)) at++;
  return at;
}

/** The last character before `position` that is neither white space nor in a comment. */
function previousContent(input: string, position: number): { char: string | undefined; at: number } {
  let at = position - 1;
  while (at >= 0) {
    const char = input[at] as string;
    if (char === '\n') {
      // Leaving a line backwards: drop the previous line's comment (a `#` after white space or at its start).
      const lineStart = input.lastIndexOf('\n', at - 1) + 1;
      const comment = /(?:^|[ \t])#/.exec(input.slice(lineStart, at));
      at = comment ? lineStart + comment.index - 1 : at - 1;
      continue;
    }
    if (char !== ' ' && char !== '\t' && char !== '\r') break;
    at--;
  }
  return { char: input[at], at };
}

/**
 * A comment glued to the token before it (`""#c`, `{#c`, `a:#c` in flow): the `yaml` library rejects it, js-yaml
 * reads a comment. `start` is where a node starts (its `{`/`[`), `end` where one ended.
 */
function gluedComment(input: string, start: number | undefined, end: number | undefined): boolean {
  if (start !== undefined) return (input[start] === '{' || input[start] === '[') && input[start + 1] === '#';
  if (end === undefined) return false;
  const after = input[end] === ',' || input[end] === ':' ? end + 1 : end;
  return input[after] === '#' && !/[ \t\r\n]/.test(input[after - 1] ?? ' ');
}

/** A node right after a `?` indicator is an explicit mapping key (js-yaml stringifies collection keys its own way). */
function isExplicitKey(input: string, start: number): boolean {
  const { char, at } = previousContent(input, start);
  return char === '?' && (at === 0 || /[\s[{,]/.test(input[at - 1] as string));
}

/** A flow collection in key position of a flow mapping (`{ [a], b: 1 }`): a key without `:` after it. */
function isFlowMappingCollectionKey(input: string, start: number, parentOpener: string | undefined): boolean {
  if (parentOpener !== '{' || (input[start] !== '[' && input[start] !== '{')) return false;
  const { char } = previousContent(input, start);
  return char === '{' || char === ',';
}

/**
 * Reads a YAML document's values cheaply (js-yaml, with {@link yamlCoreSchema}): a 1 MB suite in a few MB of
 * memory, where the `yaml` library's located document costs ~100 MB. Returns `undefined` — "use the located
 * parser" — for anything whose value or error that parser must decide: a syntax error, duplicate keys, any tag,
 * anchor or alias (alias limits), a `%` directive (`%YAML 1.1` changes the schema), a collection nested deeper
 * than `limits.maxDepth`, a collection or null used as a mapping key, a warning. What it does return equals the
 * `yaml` library's `toJS()` of the same text (a differential test holds it to that).
 */
export function parseYamlValues(text: string, limits: Pick<SourceLimits, 'maxDepth'>): YamlValues | undefined {
  if (/^%/m.test(text) || divergentText.test(text)) return undefined;
  // The first character of each open node, outermost first: `{` marks a flow mapping.
  const openers: string[] = [];
  const stack: Frame[] = [];
  let root: Frame | undefined;
  const listener = (event: 'open' | 'close', raw: unknown): void => {
    const state = raw as ListenerState;
    if (event === 'open') {
      const start = firstContent(state.input, state.position);
      const opener = state.input[start] ?? '';
      if (
        isExplicitKey(state.input, start) ||
        isFlowMappingCollectionKey(state.input, start, openers.at(-1)) ||
        gluedComment(state.input, start, undefined)
      ) {
        throw decline;
      }
      openers.push(opener);
      if (state.depth > trackedDepth) return;
      const frame: Frame = { line: state.line + 1 };
      const parent = stack.at(-1);
      if (!parent) root = frame;
      else if (parent.children) parent.children.push(frame);
      else parent.children = [frame];
      stack.push(frame);
      return;
    }
    openers.pop();
    if (state.anchor !== null || state.tag === '!' || gluedComment(state.input, undefined, state.position)) {
      throw decline;
    }
    if (isCollection(state.kind)) {
      if (state.depth > limits.maxDepth) throw decline;
      followedByColon.lastIndex = state.position;
      if (followedByColon.test(state.input)) throw decline;
      // A null key (`~: x`, or `: x` in a flow sequence, whose pair js-yaml builds without a node): js-yaml names it
      // "null", the `yaml` library "".
      const maps = state.kind === 'mapping' ? [state.result] : (state.result as unknown[]);
      if (maps.some((map) => isPlainObject(map) && Object.hasOwn(map, 'null'))) throw decline;
    }
    if (state.depth > trackedDepth) return;
    const frame = stack.pop() as Frame;
    frame.kind = state.kind;
    frame.value = state.result;
  };
  let value: unknown;
  try {
    value = load(text, {
      schema: yamlCoreSchema,
      // js-yaml counts scalars as levels too: its limit is one more than ours, which the listener checks above.
      maxDepth: limits.maxDepth + 1,
      listener: listener as LoadOptions['listener'],
      onWarning: () => {
        throw decline;
      },
    } as LoadOptions);
  } catch {
    return undefined;
  }
  return { value: value ?? null, itemLines: (path) => itemLines(root, path) };
}

/** The lines of the items of the sequence at `path`, when the recorded frames reach it and agree with the values. */
function itemLines(root: Frame | undefined, path: readonly PathSegment[]): number[] | undefined {
  let frame = root;
  for (const segment of path) {
    if (!frame?.children) return undefined;
    if (typeof segment === 'number') {
      if (frame.kind !== 'sequence') return undefined;
      frame = frame.children[segment];
      continue;
    }
    // A mapping's children are key, value, key, value… when every key has a value node.
    if (frame.kind !== 'mapping' || frame.children.length !== 2 * Object.keys(frame.value as object).length) {
      return undefined;
    }
    const children: Frame[] = frame.children;
    const keyIndex = children.findIndex(
      (child, index) => index % 2 === 0 && child.kind === 'scalar' && String(child.value) === segment,
    );
    frame = keyIndex === -1 ? undefined : children[keyIndex + 1];
  }
  if (frame?.kind !== 'sequence') return undefined;
  const items = frame.children ?? [];
  return items.length === (frame.value as unknown[]).length ? items.map((item) => item.line) : undefined;
}
