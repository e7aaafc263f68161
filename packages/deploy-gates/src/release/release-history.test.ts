import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeployErrorCode, ReleaseNotFoundError } from '../errors.js';
import { digestA, digestB } from '../test-utils/cluster-fixtures.js';
import { createReleaseBundle, type ReleaseBundle } from './release-bundle.js';
import { emptyReleaseHistory, findRollbackTarget, maxReleasesKept, recordRelease } from './release-history.js';
import { createFileReleaseStore } from './release-store.js';

const at = '2026-11-26T07:00:00.000Z';
const bundle = (id: string, image = digestA): ReleaseBundle =>
  createReleaseBundle(
    {
      id,
      image,
      prompt: { name: 'support', version: id, hash: `sha256:${id}` },
      model: { llmModel: 'gpt-4o', llmTemperature: 0 },
      tools: [{ name: 'lookup_order' }],
    },
    { now: () => new Date(at) },
  );

describe('release bundles', () => {
  it('derive a stable id from time and content, and insist on a digest', () => {
    const input = {
      image: digestB,
      prompt: { name: 'support', version: '1.2.0', hash: 'sha256:ab' },
      model: { llmModel: 'gpt-4o' },
    };
    const a = createReleaseBundle(input, { now: () => new Date(at) });
    expect(a.id).toMatch(/^r20261126070000-[0-9a-f]{8}$/);
    expect(createReleaseBundle(input, { now: () => new Date(at) }).id).toBe(a.id);
    expect(
      createReleaseBundle({ ...input, model: { llmModel: 'gpt-4o-mini' } }, { now: () => new Date(at) }).id,
    ).not.toBe(a.id);
    expect(() => createReleaseBundle({ ...input, image: 'ghcr.io/acme/agent:latest' })).toThrow(/digest/);
    expect(() => createReleaseBundle({ ...input, id: 'Bad Id' })).toThrow();
  });
});

describe('release history', () => {
  it('rolls back to the previous release, then keeps walking back', () => {
    let history = emptyReleaseHistory();
    for (const id of ['v1', 'v2', 'v3']) history = recordRelease(history, bundle(id), { action: 'deploy', at });
    expect(findRollbackTarget(history).id).toBe('v2');
    history = recordRelease(history, findRollbackTarget(history), { action: 'rollback', at });
    expect(history.current).toBe('v2');
    expect(history.events.at(-1)).toEqual({ at, action: 'rollback', release: 'v2', from: 'v3' });
    expect(findRollbackTarget(history).id).toBe('v1');
    expect(findRollbackTarget(history, 'v3').id).toBe('v3');
  });

  it('names the known releases when --to is unknown, and refuses when there is nothing earlier', () => {
    const history = recordRelease(emptyReleaseHistory(), bundle('v1'), { action: 'deploy', at });
    expect(() => findRollbackTarget(history, 'v9')).toThrow('release v9 is not in the history (known: v1)');
    expect(() => findRollbackTarget(history)).toThrow(ReleaseNotFoundError);
  });

  it(`keeps at most ${maxReleasesKept} releases`, () => {
    let history = emptyReleaseHistory();
    for (let i = 0; i < maxReleasesKept + 5; i++)
      history = recordRelease(history, bundle(`v${i}`), { action: 'deploy', at });
    expect(history.releases).toHaveLength(maxReleasesKept);
    expect(history.releases[0]?.id).toBe('v5');
    expect(history.events.every((e) => history.releases.some((r) => r.id === e.release))).toBe(true);
  });

  it('file store: missing file is empty, round-trips, and reports a broken file with its path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agent-cicd-history-'));
    try {
      const file = join(dir, 'nested', 'releases.json');
      const store = createFileReleaseStore(file);
      expect(await store.load()).toEqual(emptyReleaseHistory());
      const history = recordRelease(emptyReleaseHistory(), bundle('v1'), { action: 'deploy', at });
      await store.save(history);
      expect(await store.load()).toEqual(history);
      expect(JSON.parse(await readFile(file, 'utf8')).current).toBe('v1');
      await writeFile(file, '{"schemaVersion":2}');
      await expect(store.load()).rejects.toMatchObject({
        code: DeployErrorCode.releaseHistoryInvalid,
        location: { file },
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
