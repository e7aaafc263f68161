import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GatePolicySchema } from '../policy/gate-policy-schema.js';
import { makeReport } from '../test-utils/make-report.js';
import { decide } from './decide.js';
import { actionRank } from './decision.js';

type Grid = boolean[][]; // [case][trial] → passed

const report = (grid: Grid, idPrefix = 'case') =>
  makeReport([
    {
      name: 'suite',
      cases: grid.map((trials, i) => ({
        id: `${idPrefix}-${i}`,
        trials: trials.map((ok) => (ok ? 'passed' : 'failed')),
      })),
    },
  ]);

/** Cases × trials grids of the same shape for baseline and candidate, with pass probabilities that vary by case. */
const pairOfGrids = fc
  .record({ cases: fc.integer({ min: 5, max: 60 }), trials: fc.integer({ min: 1, max: 4 }) })
  .chain(({ cases, trials }) => {
    const grid = fc.array(fc.array(fc.boolean(), { minLength: trials, maxLength: trials }), {
      minLength: cases,
      maxLength: cases,
    });
    const mostlyPassing = fc.array(
      fc.array(
        fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
        { minLength: trials, maxLength: trials },
      ),
      { minLength: cases, maxLength: cases },
    );
    return fc.record({ baseline: fc.oneof(grid, mostlyPassing), candidate: fc.oneof(grid, mostlyPassing) });
  });

const policyArb = fc
  .record({
    minPassRate: fc.constantFrom(0.5, 0.8, 0.9),
    nonInferiorityMargin: fc.constantFrom(0.02, 0.05, 0.1),
    confidence: fc.constantFrom(0.9, 0.95),
    minSamples: fc.constantFrom(5, 30),
  })
  .map((input) => GatePolicySchema.parse(input));

describe('decide (properties)', () => {
  it('turning any passing candidate trial into a failure never raises the action (rollback < hold < promote)', () => {
    fc.assert(
      fc.property(pairOfGrids, policyArb, fc.nat(), fc.boolean(), ({ baseline, candidate }, policy, pick, paired) => {
        const passing = candidate.flatMap((trials, i) => trials.flatMap((ok, t) => (ok ? [[i, t] as const] : [])));
        fc.pre(passing.length > 0);
        const [i, t] = passing[pick % passing.length] as readonly [number, number];
        const worse = candidate.map((trials, c) => trials.map((ok, k) => (c === i && k === t ? false : ok)));
        const base = report(baseline);
        const prefix = paired ? 'case' : 'other';
        const before = decide({ baseline: base, candidate: report(candidate, prefix), policy });
        const after = decide({ baseline: base, candidate: report(worse, prefix), policy });
        expect(actionRank(after.action)).toBeLessThanOrEqual(actionRank(before.action));
        if (before.action === 'rollback') expect(after.action).toBe('rollback');
      }),
      { numRuns: 300, seed: 20261126 },
    );
  });

  it('identical baseline and candidate with enough samples never roll back (relative checks only)', () => {
    fc.assert(
      fc.property(pairOfGrids, policyArb, ({ baseline }, policy) => {
        // The absolute floor is switched off: a run confidently below it rolls back whatever the baseline did.
        const relative = { ...policy, minPassRate: 0 };
        const trials = baseline.reduce((n, row) => n + row.length, 0);
        fc.pre(trials >= relative.minSamples);
        const decision = decide({ baseline: report(baseline), candidate: report(baseline), policy: relative });
        expect(decision.action).not.toBe('rollback');
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
