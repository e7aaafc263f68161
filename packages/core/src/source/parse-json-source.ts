import { AgentCicdError } from '../errors.js';
import { createLineIndex } from './line-index.js';
import type { PathSegment, SourceDocument } from './source-document.js';
import { authoredFileLimits, type SourceLimits } from './source-limits.js';

/** Where a JSON value starts, and where its children (and their keys) are. */
interface JsonNode {
  start: number;
  keys?: Map<string, number>;
  children?: Map<PathSegment, JsonNode>;
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const literalPattern = /(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/y;

/** A run of string characters that need no escaping. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings may not hold raw control characters.
const plainRun = /[^"\\\u0000-\u001f]+/y;

const escapes: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** A small strict JSON parser (RFC 8259) that records offsets, rejects duplicate keys and trailing commas. */
class JsonParser {
  private pos = 0;
  private depth = 0;
  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  /** Counts one more level of nesting at the current `{` or `[`; past the limit, a syntax error there. */
  private enter(): void {
    this.depth++;
    if (this.depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth} levels`);
  }

  parse(): { value: unknown; node: JsonNode } {
    const result = this.value();
    this.skipSpace();
    if (this.pos < this.text.length) this.fail(`unexpected ${this.describe()} after the JSON value`);
    return result;
  }

  private fail(message: string, offset = this.pos): never {
    throw new JsonSyntaxError(message, offset);
  }

  private describe(): string {
    const char = this.text[this.pos];
    return char === undefined ? 'end of input' : `character ${JSON.stringify(char)}`;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos] as string)) this.pos++;
  }

  private value(): { value: unknown; node: JsonNode } {
    this.skipSpace();
    const start = this.pos;
    const char = this.text[this.pos];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return { value: this.string(), node: { start } };
    literalPattern.lastIndex = this.pos;
    const literal = literalPattern.exec(this.text);
    if (!literal) this.fail(`unexpected ${this.describe()}, expected a JSON value`);
    this.pos += literal[0].length;
    return { value: JSON.parse(literal[0]), node: { start } };
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    let out = '';
    for (;;) {
      const char = this.text[this.pos];
      if (char === undefined) this.fail('unterminated string', start);
      if (char === '"') break;
      if (char < ' ') this.fail('control character in string (escape it)');
      if (char === '\\') {
        const next = this.text[this.pos + 1] ?? '';
        if (next === 'u') {
          const hex = this.text.slice(this.pos + 2, this.pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape');
          out += String.fromCharCode(Number.parseInt(hex, 16));
          this.pos += 6;
          continue;
        }
        const escaped = escapes[next];
        if (escaped === undefined) this.fail(`invalid escape \\${next}`);
        out += escaped;
        this.pos += 2;
        continue;
      }
      plainRun.lastIndex = this.pos;
      plainRun.test(this.text);
      out += this.text.slice(this.pos, plainRun.lastIndex);
      this.pos = plainRun.lastIndex;
    }
    this.pos++;
    return out;
  }

  private object(): { value: unknown; node: JsonNode } {
    this.enter();
    const node: JsonNode = { start: this.pos, keys: new Map(), children: new Map() };
    const value: Record<string, unknown> = {};
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      this.depth--;
      return { value, node };
    }
    for (;;) {
      this.skipSpace();
      const keyStart = this.pos;
      if (this.text[this.pos] !== '"') this.fail(`unexpected ${this.describe()}, expected a double-quoted key`);
      const key = this.string();
      if (node.keys?.has(key)) this.fail(`duplicate key "${key}"`, keyStart);
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail(`unexpected ${this.describe()}, expected ":"`);
      this.pos++;
      const entry = this.value();
      Object.defineProperty(value, key, { value: entry.value, enumerable: true, writable: true, configurable: true });
      node.keys?.set(key, keyStart);
      node.children?.set(key, entry.node);
      this.skipSpace();
      const char = this.text[this.pos];
      this.pos++;
      if (char === '}') {
        this.depth--;
        return { value, node };
      }
      if (char !== ',')
        this.fail(
          `unexpected ${char === undefined ? 'end of input' : `character ${JSON.stringify(char)}`}, expected "," or "}"`,
          this.pos - 1,
        );
    }
  }

  private array(): { value: unknown; node: JsonNode } {
    this.enter();
    const node: JsonNode = { start: this.pos, children: new Map() };
    const value: unknown[] = [];
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      this.depth--;
      return { value, node };
    }
    for (;;) {
      const entry = this.value();
      node.children?.set(value.length, entry.node);
      value.push(entry.value);
      this.skipSpace();
      const char = this.text[this.pos];
      this.pos++;
      if (char === ']') {
        this.depth--;
        return { value, node };
      }
      if (char !== ',')
        this.fail(
          `unexpected ${char === undefined ? 'end of input' : `character ${JSON.stringify(char)}`}, expected "," or "]"`,
          this.pos - 1,
        );
    }
  }
}

/**
 * Parses strict JSON keeping offsets; a syntax error, or nesting deeper than `limits.maxDepth`, throws
 * `AGENT_CICD_PARSE_ERROR` at its line and column.
 */
export function parseJsonSource(
  text: string,
  file: string,
  limits: Pick<SourceLimits, 'maxDepth'> = authoredFileLimits,
): SourceDocument {
  const toPosition = createLineIndex(text);
  let parsed: { value: unknown; node: JsonNode };
  try {
    parsed = new JsonParser(text.replace(/^\uFEFF/, ' '), limits.maxDepth).parse();
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw new AgentCicdError('AGENT_CICD_PARSE_ERROR', `JSON syntax error: ${error.message}`, {
      location: { file, ...toPosition(error.offset) },
    });
  }
  return {
    file,
    value: parsed.value,
    locate(path, at = 'value') {
      let node = parsed.node;
      let keyStart: number | undefined;
      for (const segment of path) {
        const next = node.children?.get(segment);
        if (!next) return toPosition(node.start);
        keyStart = node.keys?.get(String(segment));
        node = next;
      }
      return toPosition(at === 'key' && keyStart !== undefined ? keyStart : node.start);
    },
  };
}
