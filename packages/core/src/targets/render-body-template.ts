/**
 * Fills an HTTP target's body template: in every string, `{{name}}` is replaced by that value of `values`
 * (`{{vars.NAME}}` reads nested values); a string that is exactly one placeholder becomes the value itself, so
 * `"{{messages}}"` is the array. An unknown placeholder throws (a typo must not send an empty field).
 */
export function renderBodyTemplate(template: unknown, values: Record<string, unknown>): unknown {
  if (typeof template === 'string') {
    const whole = /^\{\{\s*([\w.]+)\s*\}\}$/.exec(template);
    if (whole?.[1] !== undefined) return lookup(values, whole[1]);
    return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => {
      const value = lookup(values, name);
      return typeof value === 'string' ? value : JSON.stringify(value);
    });
  }
  if (Array.isArray(template)) return template.map((item) => renderBodyTemplate(item, values));
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, renderBodyTemplate(value, values)]));
  }
  return template;
}

function lookup(values: Record<string, unknown>, name: string): unknown {
  let value: unknown = values;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) {
      throw new Error(
        `the body template uses {{${name}}}, which is not defined (known: ${Object.keys(values).join(', ')})`,
      );
    }
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
