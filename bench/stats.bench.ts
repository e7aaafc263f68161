// Statistics at the largest sizes we support (100,000 trials per side): time per call, in microseconds.
import {
  binomialTest,
  fisherExactOneSided,
  mcnemarExact,
  newcombeInterval,
  pairedDifferenceInterval,
  wilsonInterval,
} from '@agent-cicd/core/stats';

function microsPerCall(run: () => unknown, iterations: number): number {
  run();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) run();
  return Number(process.hrtime.bigint() - start) / 1000 / iterations;
}

const n = 100_000;
const result = {
  trialsPerSide: n,
  wilsonIntervalUs: microsPerCall(() => wilsonInterval(61_234, n), 10_000),
  newcombeIntervalUs: microsPerCall(
    () => newcombeInterval({ successes: 49_500, trials: n }, { successes: 50_000, trials: n }),
    10_000,
  ),
  pairedDifferenceIntervalUs: microsPerCall(
    () => pairedDifferenceInterval({ bothPass: 45_000, candidateOnly: 2_000, baselineOnly: 2_400, bothFail: 50_600 }),
    10_000,
  ),
  fisherExactOneSidedUs: microsPerCall(
    () => fisherExactOneSided({ successes: 49_500, trials: n }, { successes: 50_000, trials: n }),
    50,
  ),
  binomialTestTwoSidedUs: microsPerCall(() => binomialTest(49_900, n), 50),
  mcnemarExactUs: microsPerCall(() => mcnemarExact({ candidateOnly: 2_000, baselineOnly: 2_400 }), 200),
};
console.log(JSON.stringify(result));
