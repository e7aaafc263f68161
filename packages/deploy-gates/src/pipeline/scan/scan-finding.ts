import { z } from 'zod';

export const ScanSeveritySchema = z.enum(['low', 'medium', 'high']);
export type ScanSeverity = z.output<typeof ScanSeveritySchema>;

/** One problem the security scan found. Never carries a secret's value: `message` names its kind and shape. */
export const ScanFindingSchema = z
  .object({
    rule: z.string().min(1),
    severity: ScanSeveritySchema,
    file: z.string(),
    line: z.number().int().min(0),
    message: z.string(),
  })
  .strict();
export type ScanFinding = z.output<typeof ScanFindingSchema>;

/** `high file:line rule: message`. */
export function formatFinding(finding: ScanFinding): string {
  return `${finding.severity.padEnd(6)} ${finding.file}${finding.line > 0 ? `:${finding.line}` : ''} ${finding.rule}: ${finding.message}`;
}
