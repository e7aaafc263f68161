import { AgentCicdError, formatUserError } from '../errors.js';

/** What a user sees of a refused input: its code and its one-line rendering. */
export interface UserErrorSeen {
  code: string;
  line: string;
}

function seen(error: unknown): UserErrorSeen {
  if (!(error instanceof AgentCicdError)) throw error;
  return { code: error.code, line: formatUserError(error) };
}

/** The user error `run` throws; fails the test when it throws none or another kind of error. */
export function userError(run: () => unknown): UserErrorSeen {
  try {
    run();
  } catch (error) {
    return seen(error);
  }
  throw new Error('expected an error');
}

/** The user error `promise` rejects with; fails the test when it resolves or rejects with another kind of error. */
export async function userErrorOf(promise: Promise<unknown>): Promise<UserErrorSeen> {
  return seen(
    await promise.then(
      () => new Error('expected an error'),
      (error: unknown) => error,
    ),
  );
}

/** A YAML alias bomb: five levels of nine aliases each (59,049 scalars from a 180-byte text). */
export const ALIAS_BOMB = [
  'a: &a [x, x, x, x, x, x, x, x, x]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
].join('\n');
