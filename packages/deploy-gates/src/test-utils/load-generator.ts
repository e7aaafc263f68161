/** Chat messages the load generator cycles through (they exercise each of the example agent's tools). */
export const loadMessages = [
  'Where is my order A1001?',
  'I want a refund',
  'How do I return a jacket?',
  'hello',
  'my card is broken',
  'Where is my order A-2001?',
];

export interface LoadCounts {
  canary: number;
  stable: number;
}

/**
 * A bounded load generator for two tracks: `send(n, weight)` posts `n` chats, `weight`% of them to the canary
 * (spread evenly, deterministic), with at most `concurrency` in flight, and refuses to exceed `maxRequests` in
 * total. Transport failures count as sent (the server records nothing for them).
 */
export function createLoadGenerator(options: {
  stable: string;
  canary: string;
  concurrency?: number;
  maxRequests: number;
}): { send(n: number, weight: number): Promise<LoadCounts>; readonly sent: LoadCounts } {
  const sent: LoadCounts = { canary: 0, stable: 0 };
  const concurrency = options.concurrency ?? 8;
  // Each track cycles through the messages on its own, so any split gives both the same mix.
  const index = { canary: 0, stable: 0 };
  return {
    sent,
    async send(n, weight) {
      if (sent.canary + sent.stable + n > options.maxRequests) {
        throw new Error(`the load generator is bounded to ${options.maxRequests} requests`);
      }
      const counts: LoadCounts = { canary: 0, stable: 0 };
      const plan = Array.from({ length: n }, (_, i) =>
        Math.floor(((i + 1) * weight) / 100) > Math.floor((i * weight) / 100) ? 'canary' : 'stable',
      );
      let next = 0;
      const worker = async () => {
        while (next < plan.length) {
          const track = plan[next++] as 'canary' | 'stable';
          const message = loadMessages[index[track]++ % loadMessages.length];
          counts[track] += 1;
          sent[track] += 1;
          await fetch(`${options[track]}/v1/chat`, { method: 'POST', body: JSON.stringify({ message }) }).then(
            (response) => response.arrayBuffer(),
            () => undefined,
          );
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      return counts;
    },
  };
}
