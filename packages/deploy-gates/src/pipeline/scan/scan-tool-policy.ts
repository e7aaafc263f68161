import type { ScanFinding } from './scan-finding.js';

/** A declared tool: what the mock tools file or the tools module defines. */
export interface DeclaredTool {
  name: string;
  description?: string | undefined;
}

export type DangerKind = 'code execution' | 'database writes' | 'file access';

const DANGER: ReadonlyArray<[DangerKind, RegExp]> = [
  [
    'code execution',
    /\b(code exec\w*|exec(ute)?( (code|command|shell|script))?|shell|bash|eval|run (code|command|python|script|shell)|python|subprocess|terminal)\b/i,
  ],
  ['database writes', /\b(database|db|sql\w*|(insert|update|delete|drop|write) (record|row|table|db|database)s?)\b/i],
  ['file access', /\b(files?|fs|filesystem|path)\b/i],
];

/** What makes a tool dangerous, from its name (and description): code execution, database writes, file access. */
export function dangerOf(tool: DeclaredTool): DangerKind | undefined {
  const words = tool.name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ');
  for (const [kind, pattern] of DANGER) if (pattern.test(words)) return kind;
  return undefined;
}

/**
 * The tier tool policy: every tool a tier enables is declared, and a dangerous tool enabled on a tier needs an
 * explicit allow for that tier (`allowDangerous: { production: [database_query] }`). Both are `high`.
 */
export function scanToolPolicy(options: {
  declared: readonly DeclaredTool[];
  /** Per tier: `true` (every declared tool), `false`, or the enabled names. */
  tiers: Record<string, boolean | readonly string[]>;
  allowDangerous?: Record<string, readonly string[]>;
  /** Where tiers are configured, for the findings. */
  configFile: string;
}): ScanFinding[] {
  const findings: ScanFinding[] = [];
  const declared = new Map(options.declared.map((tool) => [tool.name, tool]));
  for (const [tier, enabled] of Object.entries(options.tiers)) {
    const names = enabled === true ? [...declared.keys()] : enabled === false ? [] : enabled;
    for (const name of names) {
      const tool = declared.get(name);
      if (tool === undefined) {
        findings.push({
          rule: 'tools.undeclared',
          severity: 'high',
          file: options.configFile,
          line: 0,
          message: `tier ${tier} enables "${name}", which no tools file or module declares`,
        });
        continue;
      }
      const danger = dangerOf(tool);
      if (danger !== undefined && !(options.allowDangerous?.[tier] ?? []).includes(name)) {
        findings.push({
          rule: 'tools.dangerous-not-allowed',
          severity: 'high',
          file: options.configFile,
          line: 0,
          message: `tier ${tier} enables "${name}" (${danger}) without an explicit allow (security_scan.allowDangerous.${tier})`,
        });
      }
    }
  }
  return findings;
}
