import type { RunProgress } from '@agent-cicd/core';

export interface ProgressPrinter {
  update(progress: RunProgress): void;
  /** Clears the bar (TTY) before the summary is printed. */
  done(): void;
}

const counts = (p: RunProgress): string =>
  `${p.passed} passed, ${p.failed} failed, ${p.errored} errors${p.skipped ? `, ${p.skipped} skipped` : ''}`;

/**
 * On a terminal: one redrawn bar line. Otherwise (CI logs): a plain line every `intervalMs`, and at the end.
 */
export function createProgressPrinter(options: {
  write: (text: string) => void;
  tty: boolean;
  intervalMs?: number;
  now?: () => number;
}): ProgressPrinter {
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? 5000;
  let last = now();
  let drawn = false;
  return {
    update(p) {
      if (options.tty) {
        const width = 30;
        const filled = Math.round((p.done / Math.max(1, p.total)) * width);
        options.write(
          `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.done}/${p.total} cases, ${counts(p)}\u001b[K`,
        );
        drawn = true;
        return;
      }
      if (p.done === p.total || now() - last >= intervalMs) {
        last = now();
        options.write(`agent-cicd run: ${p.done}/${p.total} cases (${counts(p)})\n`);
      }
    },
    done() {
      if (drawn) options.write('\r\u001b[K');
    },
  };
}
