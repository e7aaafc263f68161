import { Schema, Type } from 'js-yaml';

/**
 * A js-yaml schema that resolves plain scalars exactly as the `yaml` library's YAML 1.2 core schema does (same
 * patterns, same order, same conversions), so both parsers give the same values. The types carry private tags:
 * an explicit tag in the file (`!!int 1`, `!!str`, `!custom`) is then unknown to js-yaml and throws, and the caller
 * leaves that file to the `yaml` library.
 */
function plain(name: string, pattern: RegExp, construct: (text: string) => unknown): Type {
  return new Type(`tag:agent-cicd,2026:implicit-${name}`, {
    kind: 'scalar',
    resolve: (text: unknown) => typeof text === 'string' && pattern.test(text),
    construct: (text: string) => construct(text),
  });
}

export const yamlCoreSchema = new Schema({
  implicit: [
    plain('null', /^(?:~|[Nn]ull|NULL)$/, () => null),
    plain('bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (text) => text[0] === 't' || text[0] === 'T'),
    plain('int-oct', /^0o[0-7]+$/, (text) => Number.parseInt(text.slice(2), 8)),
    plain('int', /^[-+]?[0-9]+$/, (text) => Number.parseInt(text, 10)),
    plain('int-hex', /^0x[0-9a-fA-F]+$/, (text) => Number.parseInt(text.slice(2), 16)),
    plain('float-special', /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (text) =>
      text.slice(-3).toLowerCase() === 'nan' ? Number.NaN : text[0] === '-' ? -Infinity : Infinity,
    ),
    plain('float-exp', /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, Number.parseFloat),
    plain('float', /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, Number.parseFloat),
  ],
});
