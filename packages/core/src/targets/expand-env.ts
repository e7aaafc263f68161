/**
 * Replaces `${VAR}` with the environment variable's value. A missing variable throws an error that names the
 * variable (never a value): these strings may carry secrets.
 */
export function expandEnv(text: string, env: Record<string, string | undefined>, where: string): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const value = env[name];
    if (value === undefined || value === '') throw new Error(`${where} uses \${${name}}, which is not set`);
    return value;
  });
}
