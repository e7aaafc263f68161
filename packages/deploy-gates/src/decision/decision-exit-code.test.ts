import { expect, it } from 'vitest';
import { decisionExitCode } from './decision-exit-code.js';

it('maps decisions to exit codes: PROMOTE/ADVANCE 0, ROLLBACK 1, HOLD 3', () => {
  expect(['promote', 'advance', 'rollback', 'hold'].map((action) => decisionExitCode({ action } as never))).toEqual([
    0, 0, 1, 3,
  ]);
});
