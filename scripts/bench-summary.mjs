// The pure parts of `scripts/bench.mjs`: reading a bench's output, checking its goals and building the one JSON
// document `npm run bench` prints. No I/O here (tested in packages/cli/src/bench-summary.test.ts).

const OPERATORS = {
  '<=': (value, bound) => value <= bound,
  '>=': (value, bound) => value >= bound,
  '<': (value, bound) => value < bound,
  '>': (value, bound) => value > bound,
  '==': (value, bound) => value === bound,
};

/** `"<= 0.5"` → `{ op: '<=', bound: 0.5 }`; null for anything else. */
export function parseGoal(goal) {
  if (typeof goal !== 'string') return null;
  const match = /^\s*(<=|>=|==|<|>)\s*(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)\s*$/i.exec(goal);
  if (!match) return null;
  return { op: match[1], bound: Number(match[2]) };
}

/** Whether `value` satisfies `goal`; null when either is malformed (a goal that cannot be checked is not met). */
export function meetsGoal(value, goal) {
  const parsed = parseGoal(goal);
  if (parsed === null || typeof value !== 'number' || !Number.isFinite(value)) return null;
  return OPERATORS[parsed.op](value, parsed.bound);
}

/** The JSON object a bench prints as the last non-empty line of its stdout. Throws with the reason otherwise. */
export function lastJsonObject(stdout) {
  const line = stdout
    .split('\n')
    .map((text) => text.trim())
    .filter((text) => text.length > 0)
    .at(-1);
  if (line === undefined) throw new Error('printed nothing on stdout');
  let parsed;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    throw new Error(`last line of stdout is not JSON (${error.message}): ${line.slice(0, 200)}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('last line of stdout is not a JSON object');
  }
  return parsed;
}

/**
 * One bench's goals, tagged with its name, `met` recomputed from `value` and `goal`. A bench's own `met` that
 * disagrees, a malformed entry or a non-numeric value make the goal unmet, with a `problem` saying why.
 */
export function benchGoals(name, output) {
  const goals = output.goals;
  if (goals === undefined) return { goals: [], status: 'no goals reported' };
  if (!Array.isArray(goals)) {
    return {
      goals: [{ bench: name, figure: '(goals)', value: null, goal: null, met: false, problem: 'goals is not a list' }],
      status: 'malformed goals',
    };
  }
  const checked = goals.map((entry, index) => {
    const figure = typeof entry?.figure === 'string' ? entry.figure : `(goal ${index + 1})`;
    const value = entry?.value ?? null;
    const goal = entry?.goal ?? null;
    const computed = meetsGoal(value, goal);
    const tagged = { bench: name, figure, value, goal };
    if (computed === null) {
      const problem =
        parseGoal(goal) === null
          ? `goal ${JSON.stringify(goal)} is not "<op> <number>"`
          : `value ${JSON.stringify(value)} is not a finite number`;
      return { ...tagged, met: false, problem };
    }
    if (typeof entry.met === 'boolean' && entry.met !== computed) {
      return { ...tagged, met: false, problem: `the bench said met: ${entry.met}, the value says ${computed}` };
    }
    return { ...tagged, met: computed };
  });
  const unmet = checked.filter((goal) => !goal.met).length;
  const status =
    checked.length === 0
      ? 'no goals reported'
      : unmet === 0
        ? `${checked.length} of ${checked.length} goals met`
        : `${unmet} of ${checked.length} goals unmet`;
  return { goals: checked, status };
}

/** Top-level keys of the document that no bench may be named. */
const RESERVED = new Set(['allMet', 'goals', 'benches']);

/**
 * The document `npm run bench` prints. `runs` maps each bench name to `{ output }` (its parsed JSON object) or
 * `{ error }` (it crashed or printed no JSON object). `allMet` is true only when every bench ran, at least one goal
 * was reported and every goal is met.
 */
export function benchDocument(runs) {
  const goals = [];
  const benches = {};
  const results = {};
  let failed = 0;
  for (const [name, original] of Object.entries(runs)) {
    const run = RESERVED.has(name)
      ? { error: `"${name}" is a reserved key of the document; rename the bench` }
      : original;
    if ('error' in run) {
      failed += 1;
      benches[name] = `failed: ${run.error}`;
      results[name] = { error: run.error };
      continue;
    }
    const checked = benchGoals(name, run.output);
    goals.push(...checked.goals);
    benches[name] = checked.status;
    results[name] = run.output;
  }
  const allMet = failed === 0 && goals.length > 0 && goals.every((goal) => goal.met);
  return { allMet, goals, benches, ...results };
}
