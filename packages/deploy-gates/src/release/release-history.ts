import { z } from 'zod';
import { ReleaseNotFoundError } from '../errors.js';
import { type ReleaseBundle, ReleaseBundleSchema } from './release-bundle.js';

export const ReleaseEventSchema = z
  .object({
    at: z.iso.datetime(),
    action: z.enum(['deploy', 'rollback']),
    release: z.string(),
    /** The release that was current before this event. */
    from: z.string().optional(),
  })
  .strict();
export type ReleaseEvent = z.infer<typeof ReleaseEventSchema>;

/** Every release recorded for one app, and what was deployed or rolled back when. */
export const ReleaseHistorySchema = z
  .object({
    schemaVersion: z.literal(1),
    current: z.string().optional(),
    releases: z.array(ReleaseBundleSchema),
    events: z.array(ReleaseEventSchema),
  })
  .strict();
export type ReleaseHistory = z.infer<typeof ReleaseHistorySchema>;

export const emptyReleaseHistory = (): ReleaseHistory => ({ schemaVersion: 1, releases: [], events: [] });

/** Oldest releases beyond this are dropped (a ConfigMap holds at most 1 MiB). The current one is always kept. */
export const maxReleasesKept = 50;

/** Returns a new history where `release` is current, recorded as a deploy or a rollback. */
export function recordRelease(
  history: ReleaseHistory,
  release: ReleaseBundle,
  event: { action: ReleaseEvent['action']; at: string },
): ReleaseHistory {
  const releases = [...history.releases.filter((r) => r.id !== release.id), release];
  const kept = releases.slice(-maxReleasesKept);
  const keptIds = new Set(kept.map((r) => r.id));
  return {
    schemaVersion: 1,
    current: release.id,
    releases: kept,
    events: [
      ...history.events.filter((e) => keptIds.has(e.release)),
      {
        at: event.at,
        action: event.action,
        release: release.id,
        ...(history.current ? { from: history.current } : {}),
      },
    ],
  };
}

/**
 * The release `rollback` goes to: `to` when given; otherwise the latest release that was live before the
 * current one and was not itself rolled back from (so repeated rollbacks keep walking back).
 */
export function findRollbackTarget(history: ReleaseHistory, to?: string): ReleaseBundle {
  const byId = new Map(history.releases.map((r) => [r.id, r]));
  if (to !== undefined) {
    const release = byId.get(to);
    if (!release) {
      const known = history.releases.map((r) => r.id).join(', ') || '(none)';
      throw new ReleaseNotFoundError(`release ${to} is not in the history (known: ${known})`);
    }
    return release;
  }
  const rolledBackFrom = new Set(history.events.filter((e) => e.action === 'rollback' && e.from).map((e) => e.from));
  for (const event of [...history.events].reverse()) {
    if (event.release === history.current || rolledBackFrom.has(event.release)) continue;
    const release = byId.get(event.release);
    if (release) return release;
  }
  throw new ReleaseNotFoundError(`no earlier release to roll back to (current: ${history.current ?? 'none'})`);
}
