import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { AgentCicdError } from '../errors.js';

/** Whether a process with this pid runs on this machine (a signal-0 probe; EPERM means it exists). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The `pid host` a lock holds: at most its first 512 bytes (a lock is agent-cicd's own and tiny; whatever else is
 * there cannot make the read large), decoded leniently — an unreadable owner is respected as a live lock.
 */
function readLockOwner(lock: string): string {
  const fd = openSync(lock, 'r');
  try {
    const buffer = Buffer.alloc(512);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Takes the exclusive lock of a results file: `<file>.lock`, created with O_EXCL and holding `pid host`. A lock
 * whose process is gone (a run killed with -9) is stale and taken over; a live one refuses the run with
 * `AGENT_CICD_RESULTS_LOCKED`, so two runs never append to one journal. Returns the release function.
 */
export function acquireJournalLock(file: string): () => void {
  const lock = `${file}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(lock, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner = '';
      try {
        owner = readLockOwner(lock);
      } catch {
        continue; // removed meanwhile: try again
      }
      const [pidText, host] = owner.trim().split(/\s+/);
      const pid = Number(pidText);
      const here = host === undefined || host === hostname();
      // A lock being written (empty) or held by a live process (or by another host) is respected.
      if (owner.trim() === '' || !Number.isInteger(pid) || pid <= 0 || !here || isAlive(pid)) {
        throw new AgentCicdError(
          'AGENT_CICD_RESULTS_LOCKED',
          `another run${Number.isInteger(pid) && pid > 0 ? ` (pid ${pid}${here ? '' : ` on ${host}`})` : ''} is writing this results file; wait for it, or delete ${lock} if that run is gone`,
          { location: { file } },
        );
      }
      try {
        unlinkSync(lock); // stale: its process is gone
      } catch {
        // another run took it over first: try again
      }
      continue;
    }
    writeSync(fd, `${process.pid} ${hostname()}\n`);
    closeSync(fd);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      try {
        unlinkSync(lock);
      } catch {
        // already gone
      }
    };
  }
  throw new AgentCicdError('AGENT_CICD_RESULTS_LOCKED', `cannot take the lock ${lock}`, { location: { file } });
}
