import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALIAS_BOMB, userError, userErrorOf } from '../test-utils/user-error.js';
import { decodeUtf8, firstInvalidUtf8Byte } from './decode-utf8.js';
import { loadSourceFile } from './load-source-file.js';
import { parseGeneratedJson } from './parse-generated-json.js';
import { parseSource } from './parse-source.js';
import { readTextFile } from './read-text-file.js';

describe('the guarded source path', () => {
  it('refuses a YAML alias bomb as one located parse error', () => {
    expect(userError(() => parseSource(ALIAS_BOMB, 'p.yaml'))).toEqual({
      code: 'AGENT_CICD_PARSE_ERROR',
      line: expect.stringMatching(
        /^p\.yaml:2:8: YAML syntax error: aliases expand to more than 1000 nodes \(an alias bomb\?\)$/,
      ),
    });
  });

  it('keeps ordinary anchors and aliases working', () => {
    expect(parseSource('base: &b {x: 1}\nother: *b\n', 'p.yaml').value).toEqual({ base: { x: 1 }, other: { x: 1 } });
  });

  it('refuses nesting deeper than the limit in JSON and YAML, without overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(userError(() => parseSource(deep, 'c.cases.json')).line).toBe(
      'c.cases.json:1:257: JSON syntax error: nesting deeper than 256 levels',
    );
    expect(userError(() => parseSource(deep, 'c.yaml')).line).toMatch(
      /^c\.yaml:1:\d+: YAML syntax error: nesting deeper/,
    );
    expect(userError(() => parseSource(`${'['.repeat(300)}${']'.repeat(300)}`, 'c.yaml')).line).toBe(
      'c.yaml:1:257: YAML syntax error: nesting deeper than 256 levels',
    );
    expect(userError(() => parseGeneratedJson(deep, 'r.json')).line).toBe(
      'r.json:1:257: JSON syntax error: nesting deeper than 256 levels',
    );
    expect(() => parseSource(`${'['.repeat(256)}${']'.repeat(256)}`, 'ok.json')).not.toThrow();
  });

  it('reports bytes that are not UTF-8 at their line and column', () => {
    const bytes = Buffer.from('name: x\ncases:\n  - id: caf\xe9\n', 'latin1');
    expect(userError(() => decodeUtf8(bytes, 's.yaml')).line).toBe(
      's.yaml:3:12: file is not valid UTF-8 (byte 0xe9): save it as UTF-8',
    );
    expect(decodeUtf8(Buffer.from('\uFEFFcafé ✓ 😀', 'utf8'), 'x')).toBe('café ✓ 😀');
    expect(firstInvalidUtf8Byte(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8Byte(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // surrogate
    expect(firstInvalidUtf8Byte(Buffer.from([0xf0, 0x9f, 0x98]))).toBe(0); // truncated
  });

  it('refuses a file over the size limit with a clear message, before parsing it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agent-cicd-source-'));
    await writeFile(join(dir, 'big.cases.json'), `[${'"x",'.repeat(300)}"x"]`);
    expect(
      await userErrorOf(loadSourceFile(join(dir, 'big.cases.json'), { name: 'big.cases.json', maxBytes: 1000 })),
    ).toEqual({
      code: 'AGENT_CICD_FILE_TOO_LARGE',
      line: 'big.cases.json: file is 1.2 KiB, more than the 1000 bytes agent-cicd reads from one file: split it',
    });
    expect((await userErrorOf(readTextFile(dir, 'dir'))).code).toBe('AGENT_CICD_FILE_UNREADABLE');
    expect((await userErrorOf(readTextFile(join(dir, 'nope'), 'nope'))).code).toBe('AGENT_CICD_FILE_NOT_FOUND');
  });

  it('locates schema problems in generated JSON lazily', () => {
    const doc = parseGeneratedJson('{\n  "a": [1,\n    {"b": 2}]\n}', 'r.json');
    expect(doc.value).toEqual({ a: [1, { b: 2 }] });
    expect(doc.locate(['a', 1, 'b'])).toEqual({ line: 3, column: 11 });
    expect(userError(() => parseGeneratedJson('{"a": }', 'r.json')).line).toBe(
      'r.json:1:7: JSON syntax error: unexpected character "}", expected a JSON value',
    );
  });
});
