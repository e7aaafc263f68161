import { describe, expect, it } from 'vitest';
import { createMockTools } from './create-mock-tools.js';
import { createToolRegistry } from './tool-registry.js';

const lookupOrder = {
  name: 'lookup_order',
  description: 'Find an order',
  parameters: {
    type: 'object',
    properties: { orderId: { type: 'string', pattern: '^A\\d+$' }, email: { type: 'string', format: 'email' } },
    required: ['orderId'],
    additionalProperties: false,
  },
  responses: [
    { when: { orderId: 'A1' }, result: { status: 'shipped' } },
    { when: { orderId: '/^A9/' }, error: 'order archived' },
    { result: { status: 'unknown' } },
  ],
};

describe('createToolRegistry with mock tools', () => {
  const registry = createToolRegistry({
    tools: createMockTools([lookupOrder, { name: 'refund', handler: (args) => `refunded ${String(args.amount)}` }]),
    enabled: ['lookup_order'],
  });

  it('answers from fixtures matched on arguments and records calls per tool box', async () => {
    const box = registry.createToolBox();
    expect((await box.call('lookup_order', { orderId: 'A1' })).result).toEqual({ status: 'shipped' });
    expect((await box.call('lookup_order', { orderId: 'A2' })).result).toEqual({ status: 'unknown' });
    expect((await box.call('lookup_order', { orderId: 'A93' })).error).toBe('order archived');
    expect(box.calls.map((call) => call.arguments)).toEqual([{ orderId: 'A1' }, { orderId: 'A2' }, { orderId: 'A93' }]);
    expect(box.calls.every((call) => call.violation === undefined)).toBe(true);
    expect(registry.createToolBox().calls).toEqual([]);
  });

  it('offers only enabled tools', () => {
    expect(registry.definitions.map((tool) => tool.name)).toEqual(['lookup_order']);
    expect(registry.names).toEqual(['lookup_order', 'refund']);
  });

  it('records a schema violation instead of throwing', async () => {
    const box = registry.createToolBox();
    const record = await box.call('lookup_order', { orderId: 'B1', email: 'nope', extra: 1 });
    expect(record.result).toBeUndefined();
    expect(record.violation?.check).toBe('tool_schema');
    expect(record.violation?.message).toContain('the agent called tool "lookup_order" with invalid arguments');
    expect(record.violation?.message).toContain('unexpected property "extra"');
    expect(record.violation?.message).toContain('orderId must match pattern');
    expect(record.violation?.message).toContain('email must match format "email"');
  });

  it('records calls to disabled and unknown tools as violations', async () => {
    const box = registry.createToolBox();
    expect((await box.call('refund', { amount: 5 })).violation).toEqual({
      check: 'tool_not_enabled',
      message: 'the agent called tool "refund", which is not enabled in this tier',
      severity: 'failure',
    });
    expect((await box.call('delete_all', {})).violation?.check).toBe('unknown_tool');
    expect(box.calls).toHaveLength(2);
  });

  it('reports a handler error as the call result, not a violation', async () => {
    const box = createToolRegistry({
      tools: [{ name: 'boom', parameters: { type: 'object' }, handler: () => Promise.reject(new Error('db down')) }],
    }).createToolBox();
    const record = await box.call('boom', {});
    expect(record).toMatchObject({ error: 'db down' });
    expect(record.violation).toBeUndefined();
  });

  it('rejects an invalid schema or a duplicate tool when the registry is built', () => {
    const bad = { name: 'x', parameters: { type: 'nonsense' }, handler: () => 1 };
    expect(() => createToolRegistry({ tools: [bad] })).toThrow(/invalid parameters schema/);
    const ok = { name: 'x', parameters: {}, handler: () => 1 };
    expect(() => createToolRegistry({ tools: [ok, ok] })).toThrow(/defined twice/);
  });

  it('says when no fixture matches', async () => {
    const box = createToolRegistry({
      tools: createMockTools([{ name: 't', responses: [{ when: { a: 1 }, exact: true, result: 1 }] }]),
    }).createToolBox();
    expect((await box.call('t', { a: 1 })).result).toBe(1);
    expect((await box.call('t', { a: 1, b: 2 })).error).toMatch(/no mock response of tool "t" matches/);
  });
});
