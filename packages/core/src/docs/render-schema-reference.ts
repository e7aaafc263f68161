type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A snake_case key that only aliases a camelCase one in the same object (input files accept both). */
function isAlias(key: string, properties: Json): boolean {
  if (!key.includes('_')) return false;
  const camel = key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return camel !== key && camel in properties;
}

const code = (text: string): string => `\`${text}\``;

/** A short type for a schema node: `string`, `integer ≥ 1`, `"a" \| "b"`, `string[]`, `object`, … */
export function describeType(node: Json): string {
  if ('const' in node) return code(JSON.stringify(node.const));
  if (Array.isArray(node.enum)) return node.enum.map((value) => code(JSON.stringify(value))).join(' \\| ');
  const variants = (node.anyOf ?? node.oneOf) as Json[] | undefined;
  if (Array.isArray(variants)) {
    const types = [...new Set(variants.map((variant) => describeType(variant)))];
    return types.length > 6 ? `one of ${types.length} shapes` : types.join(' \\| ');
  }
  const type = node.type;
  if (type === 'array') {
    const items = isObject(node.items) ? describeType(node.items) : 'any';
    return `list of ${items}${node.minItems ? ` (at least ${node.minItems})` : ''}`;
  }
  if (type === 'object') {
    if (!isObject(node.properties) && isObject(node.additionalProperties))
      return `map of ${describeType(node.additionalProperties)}`;
    return 'object';
  }
  if (typeof type !== 'string') return 'any';
  const bounds: string[] = [];
  const max = (value: unknown): boolean => typeof value === 'number' && value < Number.MAX_SAFE_INTEGER;
  if (typeof node.minimum === 'number') bounds.push(`≥ ${node.minimum}`);
  if (typeof node.exclusiveMinimum === 'number') bounds.push(`> ${node.exclusiveMinimum}`);
  if (max(node.maximum)) bounds.push(`≤ ${node.maximum}`);
  if (max(node.exclusiveMaximum)) bounds.push(`< ${node.exclusiveMaximum}`);
  if (typeof node.format === 'string') bounds.push(node.format);
  if (typeof node.minLength === 'number' && node.minLength > 0) bounds.push('non-empty');
  return bounds.length ? `${type} (${bounds.join(', ')})` : type;
}

const cellText = (text: string): string => text.replaceAll('|', '\\|').replace(/\s+/g, ' ').trim();

/**
 * Markdown tables of a JSON Schema's object properties, one section per object (dotted paths; `[]` for list
 * items, `<name>` for map values), in schema order; snake_case aliases are mentioned, not repeated.
 */
export function renderSchemaReference(schema: Json, options: { heading: string; level?: number }): string {
  const level = options.level ?? 2;
  const out: string[] = [];
  const visit = (node: Json, path: string, depth: number): void => {
    const properties = node.properties;
    if (!isObject(properties)) return;
    const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
    const keys = Object.keys(properties).filter((key) => !isAlias(key, properties) && key !== '$schema');
    const aliases = Object.keys(properties).some((key) => isAlias(key, properties));
    out.push(`${'#'.repeat(Math.min(6, level + depth))} ${path ? code(path) : options.heading}`, '');
    out.push('| key | type | required | description |', '| --- | --- | --- | --- |');
    const nested: Array<[Json, string]> = [];
    for (const key of keys) {
      const child = properties[key] as Json;
      const description = [
        typeof child.description === 'string' ? child.description : '',
        'default' in child ? `Default: ${code(JSON.stringify(child.default))}.` : '',
      ]
        .filter(Boolean)
        .join(' ');
      out.push(
        `| ${code(key)} | ${describeType(child)} | ${required.has(key) ? 'yes' : ''} | ${cellText(description)} |`,
      );
      const childPath = path ? `${path}.${key}` : key;
      if (isObject(child.properties)) nested.push([child, childPath]);
      else if (isObject(child.items) && isObject((child.items as Json).properties))
        nested.push([child.items as Json, `${childPath}[]`]);
      else if (isObject(child.additionalProperties) && isObject((child.additionalProperties as Json).properties)) {
        nested.push([child.additionalProperties as Json, `${childPath}.<name>`]);
      }
    }
    out.push('');
    if (aliases) out.push('Each camelCase key may also be written in snake_case (not both).', '');
    for (const [child, childPath] of nested) visit(child, childPath, depth + 1);
  };
  visit(schema, '', 0);
  return out.join('\n');
}
