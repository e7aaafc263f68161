import { access, link, mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AgentCicdError } from '../errors.js';
import { createRunContext } from '../run/create-run-context.js';
import { runSuite } from '../run/run-suite.js';
import { loadSuiteFile } from '../schema/load-suite.js';
import { type InitFile, initGitignore, initPackageJson, initTemplates } from './init-templates.js';

export interface InitProjectOptions {
  /** The project directory (created when missing). */
  dir: string;
  /** Version range base of the `@agent-cicd/*` packages in a new package.json (the CLI's own version). */
  version: string;
  /** The package name of a new package.json. @default the directory's name */
  name?: string;
  /** Plan and check only: write nothing. */
  dryRun?: boolean;
}

export interface InitProjectResult {
  dir: string;
  /** Paths (relative to `dir`) written — or, with `dryRun`, that would be. */
  files: string[];
  dryRun: boolean;
  /**
   * What the user should know about their existing files, which init never changes — e.g. that their
   * package.json has no `test` script (or npm's placeholder), so the pipeline's unit_test stage is skipped.
   */
  notes: string[];
}

/** The baseline report: recorded by running the new suite on the dev tier before anything is written. */
export const INIT_BASELINE = 'baseline/report.json';
const SUITE = 'suites/assistant.suite.yaml';

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * `agent-cicd init`: writes a small working project — config with the four tiers, prompt manifest and prompt, one
 * YAML suite, mock script and mock tools, gate policy, vitest config, GitHub Actions workflow, a baseline report,
 * and a package.json and .gitignore when the directory has none. Never overwrites: the whole plan is checked
 * first and a single existing file stops it with nothing written. Files are staged in a temp directory inside
 * `dir` (where the baseline is recorded by running the suite on the mock LLM), then each is hard-linked into
 * place, which fails rather than replace a file that appeared meanwhile.
 */
export async function initProject(options: InitProjectOptions): Promise<InitProjectResult> {
  const dir = resolve(options.dir);
  const files: InitFile[] = initTemplates();
  const notes: string[] = [];
  const userPackageJson = await readFile(join(dir, 'package.json'), 'utf8').catch(() => undefined);
  if (userPackageJson !== undefined && !hasTestScript(userPackageJson)) {
    notes.push(
      'package.json has no "test" script (or npm\'s placeholder): `agent-cicd pipeline` skips its unit_test stage until you add one (init does not edit your package.json)',
    );
  }
  if (userPackageJson === undefined) {
    files.push({
      path: 'package.json',
      content: initPackageJson(packageName(options.name ?? basename(dir)), options.version),
    });
  }
  if (!(await exists(join(dir, '.gitignore')))) files.push({ path: '.gitignore', content: initGitignore });
  const paths = [...files.map((file) => file.path), INIT_BASELINE];

  const existing: string[] = [];
  for (const path of paths) if (await exists(join(dir, path))) existing.push(path);
  if (existing.length > 0) {
    throw new AgentCicdError(
      'AGENT_CICD_INIT_FILE_EXISTS',
      `init never overwrites a file: ${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written`,
      { location: { file: join(dir, existing[0] as string) } },
    );
  }
  if (options.dryRun) return { dir, files: paths, dryRun: true, notes };

  await mkdir(dir, { recursive: true });
  const staging = await mkdtemp(join(dir, '.agent-cicd-init-'));
  try {
    for (const file of files) {
      await mkdir(dirname(join(staging, file.path)), { recursive: true });
      await writeFile(join(staging, file.path), file.content);
    }
    await recordBaseline(staging);
    const written: string[] = [];
    try {
      for (const path of paths) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await link(join(staging, path), join(dir, path)); // EEXIST instead of replacing a file
        written.push(path);
      }
    } catch (error) {
      for (const path of written) await unlink(join(dir, path)).catch(() => undefined);
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new AgentCicdError(
          'AGENT_CICD_INIT_FILE_EXISTS',
          'init never overwrites a file: it appeared while init ran; nothing was written',
          { cause: error, location: { file: (error as NodeJS.ErrnoException & { dest?: string }).dest ?? dir } },
        );
      }
      throw error;
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { dir, files: paths, dryRun: false, notes };
}

/** Runs the new suite on the dev tier (mock LLM, seed 1) and writes its report as the baseline. */
async function recordBaseline(root: string): Promise<void> {
  const { suite } = await loadSuiteFile(join(root, SUITE));
  const context = await createRunContext({ cwd: root, tier: 'dev', seed: 1, env: {} });
  const report = await runSuite({ suites: [{ suite, file: SUITE }], context });
  if (report.status !== 'complete' || !report.suites.every((summary) => summary.passed)) {
    throw new Error(`init: the new project's suite did not pass on the mock LLM (status ${report.status})`);
  }
  await mkdir(join(root, dirname(INIT_BASELINE)), { recursive: true });
  await writeFile(join(root, INIT_BASELINE), `${JSON.stringify(report, null, 2)}\n`);
}

/** Whether a package.json has a real `test` script (not missing, not `npm init`'s always-failing placeholder). */
function hasTestScript(packageJson: string): boolean {
  try {
    const test = (JSON.parse(packageJson) as { scripts?: { test?: unknown } } | null)?.scripts?.test;
    return typeof test === 'string' && test.trim() !== 'echo "Error: no test specified" && exit 1';
  } catch {
    return true; // malformed: not init's business; npm test reports it
  }
}

/** An npm package name from a directory name. */
function packageName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[-]+$/g, '');
  return cleaned || 'my-agent';
}
