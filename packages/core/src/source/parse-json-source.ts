import { AgentCicdError } from '../errors.js';
import { createLineIndex } from './line-index.js';
import type { PathSegment, SourceDocument } from './source-document.js';

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

const escapes: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** A small strict JSON parser (RFC 8259) that records offsets, rejects duplicate keys and trailing commas. */
class JsonParser {
  private pos = 0;
  constructor(private readonly text: string) {}

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
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.text.slice(this.pos));
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
      out += char;
      this.pos++;
    }
    this.pos++;
    return out;
  }

  private object(): { value: unknown; node: JsonNode } {
    const node: JsonNode = { start: this.pos, keys: new Map(), children: new Map() };
    const value: Record<string, unknown> = {};
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
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
      if (char === '}') return { value, node };
      if (char !== ',')
        this.fail(
          `unexpected ${char === undefined ? 'end of input' : `character ${JSON.stringify(char)}`}, expected "," or "}"`,
          this.pos - 1,
        );
    }
  }

  private array(): { value: unknown; node: JsonNode } {
    const node: JsonNode = { start: this.pos, children: new Map() };
    const value: unknown[] = [];
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { value, node };
    }
    for (;;) {
      const entry = this.value();
      node.children?.set(value.length, entry.node);
      value.push(entry.value);
      this.skipSpace();
      const char = this.text[this.pos];
      this.pos++;
      if (char === ']') return { value, node };
      if (char !== ',')
        this.fail(
          `unexpected ${char === undefined ? 'end of input' : `character ${JSON.stringify(char)}`}, expected "," or "]"`,
          this.pos - 1,
        );
    }
  }
}

/** Parses strict JSON keeping offsets; a syntax error throws `AGENT_CICD_PARSE_ERROR` at its line and column. */
export function parseJsonSource(text: string, file: string): SourceDocument {
  const toPosition = createLineIndex(text);
  let parsed: { value: unknown; node: JsonNode };
  try {
    parsed = new JsonParser(text.replace(/^\uFEFF/, ' ')).parse();
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
