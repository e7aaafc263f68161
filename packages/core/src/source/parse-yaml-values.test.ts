import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { parseYamlValues } from './parse-yaml-values.js';

const limits = { maxDepth: 256 };

/** The `yaml` library's reading, as `parseYamlSource`'s located parser does it; `undefined` for an error. */
function located(text: string): { value: unknown } | undefined {
  try {
    const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, logLevel: 'silent' });
    return doc.errors.length > 0 ? undefined : { value: doc.toJS({ maxAliasCount: 1000 }) };
  } catch {
    return undefined;
  }
}

/** Every text the cheap parse accepts must be valid for the `yaml` library and read the same (`-0`, `NaN` too). */
function expectAgreement(text: string): 'accepted' | 'declined' {
  const cheap = parseYamlValues(text, limits);
  if (!cheap) return 'declined';
  const exact = located(text);
  expect(exact, `the cheap parse accepted text the yaml library rejects: ${JSON.stringify(text)}`).toBeDefined();
  expect(cheap.value, JSON.stringify(text)).toStrictEqual(exact?.value);
  return 'accepted';
}

/** mulberry32: a small seeded generator, so a failure names a reproducible input. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('parseYamlValues', () => {
  it('reads what the yaml library reads, on random documents in every style and on random edits of them', () => {
    const next = random(Number(process.env.FUZZ_SEED ?? 14));
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const atoms = [
      ' ',
      ':',
      '#',
      '-',
      '"',
      "'",
      '\n',
      '\t',
      'é',
      '😀',
      'null',
      'true',
      '0x1F',
      '1e3',
      '.5',
      '~',
      '',
      '- a',
      '? x',
      '[',
      ']',
      '{',
      '}',
      ',',
      '&a',
      '*a',
      '!x',
      '%',
      '@',
      '`',
      '|',
      '>',
      'a',
      'b c',
      '\\',
      '0o7',
      '+1',
      '-0',
      '.inf',
      'yes',
      '2001-01-01',
      '<<',
      '\r\n',
      '\u2028',
      '---',
      '...',
    ];
    const text = (): string => Array.from({ length: Math.floor(next() * 5) }, () => pick(atoms)).join('');
    const value = (depth: number): unknown => {
      const roll = next();
      if (depth > 3 || roll < 0.45) {
        const kind = next();
        if (kind < 0.6) return text();
        if (kind < 0.75) return Math.floor(next() * 1e6) - 5e5;
        if (kind < 0.85) return next() * 100 - 50;
        return pick([true, false, null, -0, Number.NaN, Infinity, -Infinity, 1e21, 0.1]);
      }
      if (roll < 0.7) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(next() * 4) }, () => [text() || 'k', value(depth + 1)]),
      );
    };
    const edits = ['', ' ', ':', '-', '\n', '#', '"', "'", '[', ']', '{', '}', ',', '\t', '  ', '? ', ': ', '- ', '|'];
    const edit = (source: string): string => {
      let out = source;
      for (let n = 1 + Math.floor(next() * 3); n > 0; n--) {
        const at = Math.floor(next() * (out.length + 1));
        out = out.slice(0, at) + pick(edits) + out.slice(at + (next() < 0.4 ? 1 + Math.floor(next() * 3) : 0));
      }
      return out;
    };
    const counts = { accepted: 0, declined: 0 };
    for (let i = 0; i < Number(process.env.FUZZ_DOCS ?? 600); i++) {
      const document = stringify(
        { cases: value(0), name: text() },
        {
          defaultStringType: pick(['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const),
          defaultKeyType: pick([null, 'PLAIN', 'QUOTE_DOUBLE'] as const),
          lineWidth: pick([0, 10, 20, 80]),
          minContentWidth: pick([0, 5, 20]),
          collectionStyle: pick(['any', 'block', 'flow'] as const),
          indent: pick([1, 2, 4]),
          indentSeq: next() < 0.5,
        },
      );
      for (const variant of [document, edit(document), edit(document), edit(document)])
        counts[expectAgreement(variant)]++;
    }
    // Most documents take the cheap path: the test is not passing by declining everything.
    expect(counts.accepted).toBeGreaterThan(counts.declined / 2);
  });

  it('reads every YAML file of this repository as the yaml library does', () => {
    const root = fileURLToPath(new URL('../../../../', import.meta.url));
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (['node_modules', 'dist', '.git'].includes(entry.name)) continue;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.ya?ml$/.test(entry.name)) files.push(path);
      }
    };
    for (const dir of ['fixtures', 'examples', 'prompts', 'packages']) walk(join(root, dir));
    expect(files.length).toBeGreaterThan(50);
    const outcomes = files.map((file) => expectAgreement(readFileSync(file, 'utf8')));
    expect(outcomes.filter((outcome) => outcome === 'accepted').length).toBeGreaterThan(files.length / 2);
  });

  it('reads the usual suite styles (block, flow, multi-line strings, empty values, numbers) on the cheap path', () => {
    for (const text of [
      'cases:\n  - id: a\n    vars:\n  - id: b\n',
      'a:\n  b:\nc: 1\n',
      'a: [1,\n  2]\nb: {x: 1,\n  y: 2}\n',
      'a: "multi\n  line"\nb: \'x\n\n  y\'\n',
      'a: plain\n  continued\n\n  para\n',
      'a: |+\n  keep\n\nb: 1\n',
      'a: >-\n  fold\n   more\n  back\n',
      'k: v # c\n# full\nk2: "v#"\n',
      'a: 0777\nb: 1_000\nc: 0b10\nd: +.5\ne: -.inf\nf: .NaN\ng: 0o17\nh: 0x1F\ni: -0\nj: 1e3\nk: True\nl: ~\nm: yes\n',
      'name: x\n<<: {a: 1}\n__proto__: {b: 2}\nurl: http://host:80/a\n',
      '',
      '# only a comment\n',
      '---\na: 1\n...\n',
    ]) {
      expect(expectAgreement(text), JSON.stringify(text)).toBe('accepted');
    }
  });

  it('leaves to the yaml library what js-yaml reads differently or what needs its limits and messages', () => {
    for (const text of [
      // js-yaml nests the next, less indented, entry inside an empty one.
      'cases:\n  - id: a\n    tags:\n      - # todo\n  - id: b\n',
      'a:\n  - - y\n    -\n  - - z\n',
      // Keys js-yaml and the yaml library turn into different strings.
      '~: 1\n',
      '[a]: 1\n',
      '? [a, b]\n: 1\n',
      '{ [a], b: 1 }\n',
      '{\n# comment\n  {a: 1}\n}\n',
      '[ : x ]\n',
      // Text the yaml library rejects and js-yaml does not.
      'a: ""#c\n',
      '{# c\n a: 1}\n',
      'a: |-\n     \n    x\n',
      // Escaped line break then an empty line; indentation indicator; tab indentation; indented document marker.
      'a: "x\\\n\n  y"\n',
      'a: |2-\n   \n',
      'a:\n\t- b\n',
      'a: |\n  ---\n',
      // Tags, anchors and aliases (alias limits), directives, syntax errors, duplicate keys, multiple documents.
      'a: !!str 1\n',
      'a: ! 1\n',
      'a: &x 1\nb: *x\n',
      '%YAML 1.1\n---\na: yes\n',
      'a: [1\n',
      'a: 1\na: 2\n',
      'a: 1\n---\nb: 2\n',
    ]) {
      expect(parseYamlValues(text, limits), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('declines collections nested deeper than the limit, so the located parser reports where', () => {
    expect(parseYamlValues('a: [[1]]\n', { maxDepth: 3 })?.value).toEqual({ a: [[1]] });
    expect(parseYamlValues('a: [[[1]]]\n', { maxDepth: 3 })).toBeUndefined();
    expect(parseYamlValues(`${'['.repeat(5000)}${']'.repeat(5000)}\n`, limits)).toBeUndefined();
  });

  it("gives the line of each case, as the yaml library's node ranges do", () => {
    const text = [
      'name: x',
      'cases:',
      '  - id: a',
      '    userInput: hi',
      '  -',
      '    id: b',
      '  - { id: c,',
      '      userInput: d }',
      '  - id: e # comment',
      '',
      '    # between',
      '  - "f"',
      '',
    ].join('\n');
    // The `-` alone (case b) is an empty entry for js-yaml's reading, declined; without it:
    const accepted = text.replace('  -\n    id: b', '  - id: b');
    const cheap = parseYamlValues(accepted, limits);
    const doc = parseDocument(accepted);
    const lineOf = (offset: number) => accepted.slice(0, offset).split('\n').length;
    const exact = (doc.get('cases') as { items: { range: [number] }[] }).items.map((item) => lineOf(item.range[0]));
    expect(cheap?.itemLines(['cases'])).toEqual(exact);
    expect(exact).toEqual([3, 5, 6, 8, 11]);
    expect(parseYamlValues('- a\n- b\n\n- c\n', limits)?.itemLines([])).toEqual([1, 2, 4]);
    expect(parseYamlValues('cases: [a,\n  b]\n', limits)?.itemLines(['cases'])).toEqual([1, 2]);
    // A path the recorded levels do not reach, or that is not a sequence: unknown, ask `locate`.
    expect(cheap?.itemLines(['name'])).toBeUndefined();
    expect(cheap?.itemLines(['missing'])).toBeUndefined();
    expect(parseYamlValues('a:\n  b:\n    c: [1]\n', limits)?.itemLines(['a', 'b', 'c'])).toBeUndefined();
  });
});
