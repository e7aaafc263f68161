import type { ToolSpec } from '@agent-cicd/core';

/** The shop's data the tools read (a real deployment reads its order system; this example keeps it in memory). */
const orders: Record<string, { status: string; carrier: string; eta: string }> = {
  A1001: { status: 'shipped', carrier: 'DHL', eta: '2026-12-01' },
  'A-2001': { status: 'shipped', carrier: 'UPS', eta: '2026-11-28' },
};
const articles = [
  'Refunds are issued within 5 business days of receiving the return.',
  'Items can be returned within 30 days of delivery, unused and in their packaging.',
];
let nextTicket = 1001;

/**
 * The support agent's real tools (tiers without `mockTools`: canary, production). Their definitions match
 * `mocks/tools.yaml`; `tools/support.tools.yaml` holds the samples and output schemas `tool_integration` checks.
 */
export const tools: ToolSpec[] = [
  {
    name: 'lookup_order',
    description: 'Look up an order by its id.',
    parameters: {
      type: 'object',
      properties: { orderId: { type: 'string', pattern: '^A-?\\d+$' } },
      required: ['orderId'],
      additionalProperties: false,
    },
    handler: (args) => {
      const orderId = String(args.orderId);
      const order = orders[orderId];
      return order === undefined ? { status: 'not_found' } : { orderId, ...order };
    },
  },
  {
    name: 'search_kb',
    description: 'Search the help-centre articles.',
    parameters: {
      type: 'object',
      properties: { query: { type: 'string', minLength: 3 } },
      required: ['query'],
    },
    handler: (args) => {
      const words = String(args.query)
        .toLowerCase()
        .split(/\W+/)
        .filter((word) => word.length > 3);
      return {
        articles: articles.filter((article) =>
          words.some((word) => article.toLowerCase().includes(word.replace(/s$/, ''))),
        ),
      };
    },
  },
  {
    name: 'create_ticket',
    description: 'Open a ticket for a human agent.',
    parameters: {
      type: 'object',
      properties: { summary: { type: 'string', minLength: 5 } },
      required: ['summary'],
      additionalProperties: false,
    },
    handler: () => ({ ticketId: `T-${nextTicket++}` }),
  },
  {
    name: 'issue_refund',
    description: 'Refund an order (humans only; the agent must never call it).',
    parameters: {
      type: 'object',
      properties: { orderId: { type: 'string' } },
      required: ['orderId'],
    },
    handler: (args) => ({ refunded: orders[String(args.orderId)] !== undefined }),
  },
];
