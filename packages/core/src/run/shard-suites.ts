import { createHash } from 'node:crypto';
import { AgentCicdError } from '../errors.js';

/** Shard `index` (1-based) of `count`, as written `--shard 2/5`. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `i/n` (1 ≤ i ≤ n); anything else is a usage error naming the flag. */
export function parseShard(text: string, flag = '--shard'): Shard {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count < 1 || index > count) {
    throw new AgentCicdError('AGENT_CICD_USAGE', `${flag} must be i/n with 1 ≤ i ≤ n (e.g. 2/5), got "${text}"`);
  }
  return { index, count };
}

/**
 * The shard (1-based) a case belongs to: sha256 of its suite name and case id, modulo the shard count. Stable:
 * a case lands in the same shard whatever the order of the files, the suites or the cases, and on every machine.
 */
export function shardOf(suite: string, caseId: string, count: number): number {
  const digest = createHash('sha256').update(`${suite}\u0000${caseId}`).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

/** Keeps the cases of one shard (suites left with none are dropped). */
export function shardSuites<T extends { suite: { name: string; cases: ReadonlyArray<{ id: string }> } }>(
  suites: readonly T[],
  shard: Shard,
): T[] {
  return suites.flatMap((entry) => {
    const cases = entry.suite.cases.filter((c) => shardOf(entry.suite.name, c.id, shard.count) === shard.index);
    return cases.length === 0 ? [] : [{ ...entry, suite: { ...entry.suite, cases } }];
  });
}
