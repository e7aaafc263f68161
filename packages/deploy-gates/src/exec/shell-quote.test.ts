import { describe, expect, it } from 'vitest';
import { formatCommand, shellQuote } from './shell-quote.js';

describe('shellQuote', () => {
  it('leaves safe words alone and single-quotes the rest', () => {
    expect(shellQuote(['kubectl', '-n', 'web', 'patch', 'service', 'agent', '--type=merge', '-p', '{"a":1}'])).toBe(
      `kubectl -n web patch service agent --type=merge -p '{"a":1}'`,
    );
    expect(shellQuote(['echo', "it's", ''])).toBe(`echo 'it'"'"'s' ''`);
  });

  it('shows stdin as a quoted here-document', () => {
    expect(formatCommand({ argv: ['kubectl', 'apply', '-f', '-'], input: '{"kind":"Service"}\n' })).toBe(
      `kubectl apply -f - <<'AGENT_CICD_EOF'\n{"kind":"Service"}\nAGENT_CICD_EOF`,
    );
    expect(formatCommand({ argv: ['kubectl', 'get', 'svc', 'a'] })).toBe('kubectl get svc a');
  });
});
