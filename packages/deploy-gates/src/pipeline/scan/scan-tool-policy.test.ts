import { describe, expect, it } from 'vitest';
import { dangerOf } from './scan-tool-policy.js';

describe('dangerOf', () => {
  it("classifies the seed's dangerous tools and leaves ordinary ones alone", () => {
    const kinds = Object.fromEntries(
      [
        'code_executor',
        'runShell',
        'file_read',
        'write-file',
        'database_query',
        'sql_exec',
        'search',
        'calculator',
        'lookup_order',
        'search_kb',
        'create_ticket',
        'issue_refund',
        'profile_lookup',
      ].map((name) => [name, dangerOf({ name }) ?? null]),
    );
    expect(kinds).toEqual({
      code_executor: 'code execution',
      runShell: 'code execution',
      file_read: 'file access',
      'write-file': 'file access',
      database_query: 'database writes',
      sql_exec: 'code execution',
      search: null,
      calculator: null,
      lookup_order: null,
      search_kb: null,
      create_ticket: null,
      issue_refund: null,
      profile_lookup: null,
    });
  });
});
