import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userErrorOf } from '../test-utils/user-error.js';
import { parseJsonLine } from './parse-json-line.js';
import { readJsonLines, readTextLines } from './read-json-lines.js';

async function file(content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'agent-cicd-jsonl-'));
  const path = join(dir, 'run.jsonl');
  await writeFile(path, content);
  return path;
}

async function collect<T>(lines: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe('readTextLines / readJsonLines', () => {
  it('yields each line with its number, byte offset and length (CRLF and a last line without newline)', async () => {
    const path = await file('{"a":1}\r\n\n{"b":"é"}\n{"c":3}');
    const lines = await collect(readTextLines(path, { name: 'run.jsonl' }));
    expect(lines).toEqual([
      { line: 1, start: 0, length: 8, text: '{"a":1}' },
      { line: 2, start: 9, length: 0, text: '' },
      { line: 3, start: 10, length: 10, text: '{"b":"é"}' },
      { line: 4, start: 21, length: 7, text: '{"c":3}' },
    ]);
    const docs = await collect(readJsonLines(path, { name: 'run.jsonl' }));
    expect(docs.map((d) => [d.line, d.doc.value])).toEqual([
      [1, { a: 1 }],
      [3, { b: 'é' }],
      [4, { c: 3 }],
    ]);
  });

  it('keeps lines across read chunks intact', async () => {
    const long = `{"x":"${'y'.repeat(200_000)}"}`;
    const path = await file(`${long}\n${long}\n`);
    const lines = await collect(readTextLines(path));
    expect(lines.map((l) => [l.line, l.start, l.text.length])).toEqual([
      [1, 0, long.length],
      [2, long.length + 1, long.length],
    ]);
  });

  it('locates bytes that are not UTF-8 at file:line:col', async () => {
    const path = await file(
      Buffer.concat([Buffer.from('{"a":1}\n{"b":"caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]),
    );
    expect(await userErrorOf(collect(readTextLines(path, { name: 'run.jsonl' })))).toEqual({
      code: 'AGENT_CICD_FILE_NOT_UTF8',
      line: 'run.jsonl:2:10: file is not valid UTF-8 (byte 0xe9): save it as UTF-8',
    });
  });

  it('refuses a line longer than the limit at its line, without reading it whole', async () => {
    const path = await file(`{"a":1}\n${'x'.repeat(5000)}\n`);
    expect(await userErrorOf(collect(readTextLines(path, { name: 'run.jsonl', maxLineBytes: 1000 })))).toEqual({
      code: 'AGENT_CICD_FILE_TOO_LARGE',
      line: 'run.jsonl:2:1: line is longer than the 1000 bytes agent-cicd reads as one record',
    });
  });

  it('locates a syntax error, or nesting 100,000 deep, at file:line:col', async () => {
    const path = await file(`{"a":1}\n{"b": }\n`);
    expect(await userErrorOf(collect(readJsonLines(path, { name: 'run.jsonl' })))).toEqual({
      code: 'AGENT_CICD_PARSE_ERROR',
      line: 'run.jsonl:2:7: JSON syntax error: unexpected character "}", expected a JSON value',
    });
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const deepFile = await file(`{"a":1}\n${deep}\n`);
    expect((await userErrorOf(collect(readJsonLines(deepFile, { name: 'run.jsonl' })))).line).toBe(
      'run.jsonl:2:257: JSON syntax error: nesting deeper than 256 levels',
    );
  });

  it('names a missing file', async () => {
    expect((await userErrorOf(collect(readTextLines('/nonexistent/run.jsonl')))).code).toBe(
      'AGENT_CICD_FILE_NOT_FOUND',
    );
  });

  it('parseJsonLine locates values on its line', () => {
    const doc = parseJsonLine('{"type":"case","result":{"id":3}}', 'run.jsonl', 7);
    expect(doc.locate(['result', 'id'])).toEqual({ line: 7, column: 31 });
  });
});
