import type { RunProgress } from '@agent-cicd/core';
import { describe, expect, it } from 'vitest';
import { createProgressPrinter } from './run-progress.js';

const progress = (done: number): RunProgress =>
  ({ done, total: 4, passed: done, failed: 0, errored: 0, suite: 's', result: {} }) as unknown as RunProgress;

describe('createProgressPrinter', () => {
  it('draws one bar line on a terminal', () => {
    const out: string[] = [];
    const printer = createProgressPrinter({ write: (text) => out.push(text), tty: true });
    printer.update(progress(2));
    printer.done();
    expect(out[0]).toBe('\r[###############---------------] 2/4 cases, 2 passed, 0 failed, 0 errors\u001b[K');
    expect(out[1]).toBe('\r\u001b[K');
  });

  it('prints plain lines at an interval and at the end otherwise', () => {
    const out: string[] = [];
    let now = 0;
    const printer = createProgressPrinter({
      write: (text) => out.push(text),
      tty: false,
      intervalMs: 1000,
      now: () => now,
    });
    printer.update(progress(1));
    now = 1500;
    printer.update(progress(2));
    printer.update(progress(3));
    printer.update(progress(4));
    expect(out).toEqual([
      'agent-cicd run: 2/4 cases (2 passed, 0 failed, 0 errors)\n',
      'agent-cicd run: 4/4 cases (4 passed, 0 failed, 0 errors)\n',
    ]);
  });
});
