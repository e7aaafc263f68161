import type Handlebars from 'handlebars';

type Program = ReturnType<typeof Handlebars.parse>;

type Node = hbs.AST.Node;
type Position = { line: number; column: number };

/** A template variable reference (the root name of a path such as `user.name`). */
export interface VariableUse {
  name: string;
  /** The path as written, e.g. `user.name`. */
  path: string;
  position: Position;
}

/** What a template uses: top-level variables and problems found on the way (unknown helpers, partials). */
export interface TemplateUsage {
  variables: VariableUse[];
  problems: { message: string; position: Position }[];
}

/** Helpers built into Handlebars and the number of positional arguments they take. */
const BUILT_IN_HELPERS: Record<string, number | undefined> = {
  if: 1,
  unless: 1,
  each: 1,
  with: 1,
  lookup: 2,
  log: undefined,
};
/** Helpers whose block body runs with a new context (`this` is the item). */
const CONTEXT_HELPERS = new Set(['each', 'with']);

function positionOf(node: Node): Position {
  return { line: node.loc.start.line, column: node.loc.start.column + 1 };
}

interface Scope {
  /** Number of enclosing blocks that changed the context. */
  depth: number;
  locals: ReadonlySet<string>;
}

/** Walks a parsed template and lists the variables it reads from the top-level context. */
export function templateUsage(program: Program): TemplateUsage {
  const usage: TemplateUsage = { variables: [], problems: [] };

  const path = (node: hbs.AST.PathExpression, scope: Scope): void => {
    const [head] = node.parts;
    if (node.data) {
      // `@root.x` reads the top-level context; other data (`@index`, `@key`, …) is the helper's.
      if (node.original.startsWith('@root.') && head)
        usage.variables.push({ name: head, path: node.parts.join('.'), position: positionOf(node) });
      return;
    }
    if (head === undefined) return;
    const fromTop = node.depth === scope.depth && !/^(this|\.)/.test(node.original);
    if (!fromTop || (node.depth === 0 && scope.locals.has(head))) return;
    usage.variables.push({ name: head, path: node.parts.join('.'), position: positionOf(node) });
  };

  const expression = (node: Node, scope: Scope): void => {
    switch (node.type) {
      case 'PathExpression':
        path(node as hbs.AST.PathExpression, scope);
        break;
      case 'SubExpression':
        call(node as hbs.AST.SubExpression, scope);
        break;
    }
  };

  const call = (
    node: hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression,
    scope: Scope,
  ): boolean => {
    const params = node.params as Node[];
    const pairs = (node.hash?.pairs ?? []) as hbs.AST.HashPair[];
    const callee = node.path as Node;
    const name = callee.type === 'PathExpression' ? (callee as hbs.AST.PathExpression).original : undefined;
    const isHelperCall = params.length > 0 || pairs.length > 0 || node.type === 'SubExpression';
    if (name !== undefined && Object.hasOwn(BUILT_IN_HELPERS, name)) {
      const arity = BUILT_IN_HELPERS[name];
      if (arity !== undefined && params.length !== arity) {
        usage.problems.push({
          message: `{{${name}}} takes ${arity} argument${arity === 1 ? '' : 's'}, got ${params.length}`,
          position: positionOf(node),
        });
      }
    } else if (isHelperCall) {
      usage.problems.push({
        message: `unknown helper "${name ?? '?'}" (only if, unless, each, with, lookup, log)`,
        position: positionOf(node),
      });
    } else {
      expression(callee, scope);
    }
    for (const param of params) expression(param, scope);
    for (const pair of pairs) expression(pair.value as Node, scope);
    return name !== undefined && Object.hasOwn(BUILT_IN_HELPERS, name);
  };

  const statements = (body: Node[], scope: Scope): void => {
    for (const node of body) {
      switch (node.type) {
        case 'MustacheStatement':
          call(node as hbs.AST.MustacheStatement, scope);
          break;
        case 'BlockStatement': {
          const block = node as hbs.AST.BlockStatement;
          const helper = call(block, scope);
          const name = (block.path as hbs.AST.PathExpression).original;
          // `{{#each}}`, `{{#with}}` and sections over a variable (`{{#items}}`) change the context.
          const changesContext = !helper || CONTEXT_HELPERS.has(name);
          const inner: Scope = changesContext
            ? { depth: scope.depth + 1, locals: new Set([...scope.locals, ...(block.program?.blockParams ?? [])]) }
            : scope;
          if (block.program) statements(block.program.body, inner);
          if (block.inverse) statements(block.inverse.body, scope);
          break;
        }
        case 'PartialStatement':
        case 'PartialBlockStatement':
          usage.problems.push({
            message: 'partials are not supported in prompt templates',
            position: positionOf(node),
          });
          break;
        case 'DecoratorBlock':
        case 'Decorator':
          usage.problems.push({
            message: 'decorators are not supported in prompt templates',
            position: positionOf(node),
          });
          break;
      }
    }
  };

  statements(program.body, { depth: 0, locals: new Set() });
  return usage;
}
