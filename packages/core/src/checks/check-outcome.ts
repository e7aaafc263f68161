/** What one check measured on one trial, before negation. */
export type CheckOutcome =
  | {
      /** Whether the check holds (before `not`). */
      holds: boolean;
      /** 0..1, higher is better (before `not`). */
      score: number;
      /** The measured number, when there is one (a similarity, a count, milliseconds, USD). */
      value?: number;
      /** What was measured, as a phrase: `ROUGE-L F1 0.412 (threshold 0.75)`. */
      detail: string;
    }
  | {
      /** The check could not run (no reference, invalid schema, grader failed): the trial is an `error`. */
      error: string;
    };

export const measured = (holds: boolean, detail: string, score = holds ? 1 : 0, value?: number): CheckOutcome => ({
  holds,
  score: Math.min(1, Math.max(0, score)),
  ...(value === undefined ? {} : { value }),
  detail,
});
