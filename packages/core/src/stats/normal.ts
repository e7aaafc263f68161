import { StatsArgumentError } from '../errors.js';
import { regularizedGammaP, regularizedGammaQ } from './special-functions.js';
import { assertOpenUnit } from './validate.js';

/**
 * Standard normal cumulative distribution function Φ(x), accurate to ~1e-15 relative, also far in the tails
 * (Φ(x) = ½·Q(½, x²/2) for x < 0, through the regularized incomplete gamma function).
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) throw new StatsArgumentError('x must be a number, got NaN');
  const half = (x * x) / 2;
  return x < 0 ? 0.5 * regularizedGammaQ(0.5, half) : 0.5 + 0.5 * regularizedGammaP(0.5, half);
}

// Acklam's rational approximation (relative error 1.15e-9), refined below by Halley steps on normalCdf.
const A = [
  -39.69683028665376, 220.9460984245205, -275.928510446969, 138.357751867269, -30.66479806614716, 2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function polynomial(coefficients: number[], x: number): number {
  let result = 0;
  for (const coefficient of coefficients) result = result * x + coefficient;
  return result;
}

function acklam(p: number): number {
  if (p < P_LOW || p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p < P_LOW ? p : 1 - p));
    const x = polynomial(C, q) / (polynomial(D, q) * q + 1);
    return p < P_LOW ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return (polynomial(A, r) * q) / (polynomial(B, r) * r + 1);
}

/**
 * Standard normal quantile Φ⁻¹(p) for p in (0, 1), e.g. `normalQuantile(0.975)` ≈ 1.959963984540054.
 * Throws `AGENT_CICD_STATS_INVALID_ARGUMENT` outside (0, 1).
 */
export function normalQuantile(p: number): number {
  assertOpenUnit(p, 'p');
  let x = acklam(p);
  // Halley's method on Φ(x) − p; work on the smaller tail so that the error is relative.
  const upper = p > 0.5;
  const target = upper ? 1 - p : p;
  for (let i = 0; i < 3; i++) {
    const t = upper ? -x : x;
    const error = normalCdf(t) - target;
    const density = Math.exp(-0.5 * t * t - 0.5 * Math.log(2 * Math.PI));
    if (density === 0) break;
    const u = error / density;
    const step = u / (1 + (t * u) / 2);
    x = upper ? x + step : x - step;
  }
  return x;
}
