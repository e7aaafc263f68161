import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blueLiveState, digestB } from '../test-utils/cluster-fixtures.js';
import { type FakeBinaries, installFakeBinaries } from '../test-utils/fake-binaries.js';
import { deployBlueGreen } from './deploy-blue-green.js';
import { formatOutcome } from './format-outcome.js';

let fakes: FakeBinaries;
beforeEach(async () => {
  fakes = await installFakeBinaries();
  await fakes.setState(blueLiveState());
});
afterEach(() => fakes.cleanup());

const io = () => ({ cwd: fakes.dir, env: fakes.env });
const input = { app: 'agent', image: digestB, historyFile: 'h.json' };

describe('cluster failures are reported with what changed', { timeout: 60_000 }, () => {
  it('a read that fails while planning changed nothing: failed_part_way with no changes', async () => {
    await fakes.fail({ tool: 'kubectl', match: 'get service', stderr: 'The connection to the server was refused' });
    const outcome = await deployBlueGreen(input, io());
    expect(outcome.status).toBe('failed_part_way');
    expect(outcome.changes).toEqual([]);
    expect(formatOutcome(outcome)).toContain('changed: nothing\nrecover: nothing was changed');
  });

  it('a rollout that fails and whose undo also fails lists the changes and how to recover', async () => {
    await fakes.fail({ tool: 'kubectl', match: 'rollout status deployment/agent-green', stderr: 'error: timed out' });
    await fakes.fail({
      tool: 'kubectl',
      match: 'scale deployment/agent-green --replicas=0',
      stderr: 'error: forbidden',
    });
    const outcome = await deployBlueGreen(input, io());
    expect(outcome.status).toBe('failed_part_way');
    expect(outcome.changes).toEqual([
      'kubectl apply -f -',
      'kubectl scale deployment/agent-green --replicas=0   (failed; may have taken effect)',
    ]);
    const text = formatOutcome(outcome);
    expect(text).toMatch(/^rolled back to blue after rollout failed: .*\(NOT verified\)\n/);
    expect(text).toContain('recover: check the Service agent and the Deployments agent-blue/agent-green');
  });

  it('a rollout that fails and is undone cleanly is rolled_back (exit 1), not part-way', async () => {
    await fakes.fail({ tool: 'kubectl', match: 'rollout status deployment/agent-green', stderr: 'error: timed out' });
    const outcome = await deployBlueGreen(input, io());
    expect(outcome.status).toBe('rolled_back');
    expect(outcome.changes).toEqual([]);
  });
});
