/** Small number formats shared by the report renderers. */
export const percent = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)}%`;

export const usd = (x: number): string => `$${x < 0.01 && x > 0 ? x.toFixed(6) : x.toFixed(4)}`;

export const ms = (x: number): string => `${Math.round(x)} ms`;

/** Signed percentage points, e.g. `+3.1 pts`. */
export const points = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)} pts`;

/** One line, cut to `max` characters with an ellipsis. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, Math.max(0, max - 1))}…` : flat;
}

/** Word-wraps `text` to `width` columns, each line after the first starting with `indent`. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    const limit = lines.length === 0 ? width : width - indent.length;
    if (candidate.length > limit && line) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines.map((text, i) => (i === 0 ? text : `${indent}${text}`).slice(0, width));
}
