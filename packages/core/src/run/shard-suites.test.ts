import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShard, shardOf, shardSuites } from './shard-suites.js';

const suite = (name: string, ids: string[]) => ({ suite: { name, cases: ids.map((id) => ({ id })) } });

describe('shardSuites', () => {
  it('partitions: every case in exactly one shard, whatever the order of suites and cases', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 7 }),
        (ids, count) => {
          const suites = [suite('a', ids), suite('b', [...ids].reverse())];
          const seen: string[] = [];
          for (let index = 1; index <= count; index++) {
            for (const { suite: s } of shardSuites(suites, { index, count })) {
              for (const c of s.cases) {
                seen.push(`${s.name}/${c.id}`);
                expect(shardOf(s.name, c.id, count)).toBe(index);
              }
            }
          }
          expect(seen.sort()).toEqual([...ids.map((id) => `a/${id}`), ...ids.map((id) => `b/${id}`)].sort());
        },
      ),
    );
  });

  it('spreads cases about evenly and drops suites left empty', () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `case-${i}`);
    const sizes = [1, 2, 3].map(
      (index) => shardSuites([suite('s', ids)], { index, count: 3 })[0]?.suite.cases.length ?? 0,
    );
    for (const size of sizes) expect(Math.abs(size - 1000)).toBeLessThan(100);
    expect(shardSuites([suite('s', ['x'])], { index: shardOf('s', 'x', 2) === 1 ? 2 : 1, count: 2 })).toEqual([]);
  });

  it.each(['0/3', '4/3', '1/0', '2', 'a/b', '1/2/3', ''])('refuses --shard %j', (text) => {
    expect(() => parseShard(text)).toThrow(expect.objectContaining({ code: 'AGENT_CICD_USAGE' }));
  });
  it('parses i/n', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
  });
});
