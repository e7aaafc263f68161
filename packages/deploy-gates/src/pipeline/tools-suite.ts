import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { loadSourceFile, validateSource } from '@agent-cicd/core/source';
import { z } from 'zod';

/** A `tools` suite (`*.tools.yaml`): sample calls of each declared tool and the schema its result must meet. */
export const ToolsSuiteSchema = z
  .object({
    kind: z.literal('tools'),
    name: z.string().min(1),
    tools: z
      .array(
        z
          .object({
            name: z.string().min(1),
            /** JSON Schema of the tool's result. */
            output: z.record(z.string(), z.unknown()),
            samples: z.array(z.record(z.string(), z.unknown())).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type ToolsSuite = z.output<typeof ToolsSuiteSchema>;

export const TOOLS_SUITE_FILE = /\.tools\.ya?ml$/;

/** Loads every `*.tools.yaml` under `dir` (recursively, without node_modules). */
export async function loadToolsSuites(root: string, dir: string): Promise<Array<{ file: string; suite: ToolsSuite }>> {
  const entries = await readdir(join(root, dir), { recursive: true }).catch(() => [] as string[]);
  const files = entries
    .filter((entry) => TOOLS_SUITE_FILE.test(entry) && !entry.split(/[\\/]/).includes('node_modules'))
    .sort()
    .map((entry) => join(root, dir, entry));
  const suites = [];
  for (const file of files) {
    const shown = relative(root, file);
    // Core's guarded loader: size, UTF-8, syntax, depth and alias limits; schema errors at file:line:col path.
    const suite = validateSource(
      await loadSourceFile(file, { name: shown }),
      ToolsSuiteSchema,
      'AGENT_CICD_SUITE_INVALID',
    );
    suites.push({ file: shown, suite });
  }
  return suites;
}
