import { z } from 'zod';
import { checkSchemas, modelGradedCheckTypes } from './check-schema.js';

const COMMON = new Set(['type', 'threshold', 'weight', 'not', 'name']);
const graded = new Set<string>(modelGradedCheckTypes);

function fieldsOf(schema: z.ZodType): Array<{ name: string; type: string; required: boolean; description: string }> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<
      string,
      { type?: unknown; description?: string; anyOf?: Array<{ type?: unknown }>; enum?: unknown[] }
    >;
    required?: string[];
  };
  return Object.entries(json.properties ?? {})
    .filter(([name]) => !COMMON.has(name))
    .map(([name, property]) => ({
      name,
      type: property.enum
        ? property.enum.map((v) => JSON.stringify(v)).join(' \\| ')
        : property.anyOf
          ? property.anyOf.map((p) => String(p.type ?? 'any')).join(' \\| ')
          : String(property.type ?? 'any'),
      required: (json.required ?? []).includes(name),
      description: property.description ?? '',
    }));
}

/** A markdown table with padded columns, as the repository's formatter (Biome) writes it. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((cell, i) => Math.max(3, cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** docs/reference/checks.md, generated from the check schemas (`npm run docs:checks`; a test keeps it current). */
export function renderChecksReference(): string {
  const lines = [
    '# Checks reference',
    '',
    '<!-- Generated from packages/core/src/checks/check-schema.ts by `npm run docs:checks`. Do not edit. -->',
    '',
    "A case's `checks:` list (also allowed in a suite's `defaults`, where it is prepended to every case's list).",
    'Every check takes these options besides its own:',
    '',
    ...table(
      ['option', 'meaning'],
      [
        ['`type`', 'the check type below (camelCase or snake_case: `containsAll`, `contains_all`)'],
        ['`threshold`', 'the pass mark of a measured check (default per type below)'],
        [
          '`weight`',
          "weight in the trial score (default 1): the weighted mean of the checks' scores, the judge's weighing 1",
        ],
        ['`not`', 'negate: the check must not hold (its score becomes 1 − score)'],
        ['`name`', 'a label for reports and violations (default: the type)'],
      ],
    ),
    '',
    'A check that does not hold is a `failure` violation with the measured `value`; a check that cannot run',
    '(no reference, no threshold where one is needed, an invalid schema or regex, a grader without a valid verdict,',
    "a model without embeddings) is an `error` violation — never a pass. Model-graded checks use the tier's LLM",
    "client and the judge's model with the judge's strict verdict rules (rubric `check-<type>@v1` in mock rules and",
    "cassettes); `--no-judge` leaves them unrun and names them in the trial's `skippedChecks`: a case with nothing",
    'else to check is `skipped`, never `passed` (`similar` still runs).',
    '',
  ];
  for (const [type, schema] of Object.entries(checkSchemas)) {
    const description =
      z.globalRegistry.get(schema as unknown as z.ZodType)?.description ??
      (z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { description?: string }).description ??
      '';
    lines.push(`## \`${type}\`${graded.has(type) ? ' (model-graded)' : ''}`, '', description, '');
    const fields = fieldsOf(schema);
    if (fields.length > 0) {
      const rows = fields.map((f) => [`\`${f.name}\``, f.type, f.required ? 'yes' : 'no', f.description]);
      lines.push(...table(['field', 'type', 'required', 'meaning'], rows), '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
