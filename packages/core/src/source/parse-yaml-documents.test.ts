import { describe, expect, it } from 'vitest';
import { ALIAS_BOMB, userError } from '../test-utils/user-error.js';
import { parseYamlDocuments } from './parse-yaml-documents.js';

describe('parseYamlDocuments', () => {
  it('parses every document, each locating its values in file coordinates', () => {
    const text = 'kind: A\nmetadata:\n  name: a\n---\n# b\nkind: B\nspec:\n  x: [1, 2]\n---\n';
    const docs = parseYamlDocuments(text, 'k.yaml');
    expect(docs.map((d) => d.value)).toEqual([
      { kind: 'A', metadata: { name: 'a' } },
      { kind: 'B', spec: { x: [1, 2] } },
      null,
    ]);
    expect(docs[0]?.start).toEqual({ line: 1, column: 1 });
    expect(docs[1]?.start).toEqual({ line: 6, column: 1 });
    expect(docs[1]?.locate(['spec', 'x', 1])).toEqual({ line: 8, column: 10 });
    expect(docs[1]?.locate(['spec'], 'key')).toEqual({ line: 7, column: 1 });
    expect(docs.map((d) => d.index)).toEqual([0, 1, 2]);
  });

  it('is empty for an empty stream', () => {
    expect(parseYamlDocuments('', 'e.yaml')).toEqual([]);
    expect(parseYamlDocuments('# only a comment\n', 'e.yaml')).toEqual([]);
  });

  it('holds every document to the alias limit, located in the document that explodes', () => {
    expect(userError(() => parseYamlDocuments(`kind: ok\n---\n${ALIAS_BOMB}\n`, 'k.yaml'))).toEqual({
      code: 'AGENT_CICD_PARSE_ERROR',
      line: 'k.yaml:4:8: YAML syntax error: aliases expand to more than 1000 nodes (an alias bomb?)',
    });
  });

  it('holds every document to the depth limit without overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const error = userError(() => parseYamlDocuments(`kind: ok\n---\n${deep}\n`, 'k.yaml'));
    expect(error.code).toBe('AGENT_CICD_PARSE_ERROR');
    expect(error.line).toMatch(/^k\.yaml:3:\d+: YAML syntax error: nesting deeper than 256 levels$/);
    expect(() => parseYamlDocuments(`${'['.repeat(256)}${']'.repeat(256)}`, 'ok.yaml')).not.toThrow();
  });

  it('locates a syntax error or a duplicate key in a later document', () => {
    expect(userError(() => parseYamlDocuments('a: 1\n---\nb: 1\nb: 2\n', 'k.yaml')).line).toMatch(
      /^k\.yaml:4:1: YAML syntax error: Map keys must be unique/,
    );
    expect(userError(() => parseYamlDocuments('a: 1\n---\nb: [1\n', 'k.yaml')).code).toBe('AGENT_CICD_PARSE_ERROR');
  });
});
