/**
 * The first JSON object or array inside a text (e.g. a model answer with prose around a code block), found by
 * matching brackets outside strings from each `{` or `[` and parsing the span. `undefined` when there is none.
 */
export function findJson(text: string): { value: unknown } | undefined {
  for (let start = 0; start < text.length; start++) {
    const open = text[start];
    if (open !== '{' && open !== '[') continue;
    const end = matchingBracket(text, start);
    if (end === -1) continue;
    try {
      return { value: JSON.parse(text.slice(start, end + 1)) };
    } catch {
      // Not JSON after all (e.g. "[sic]"): keep looking.
    }
  }
  return undefined;
}

function matchingBracket(text: string, start: number): number {
  const stack: string[] = [];
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') stack.push(c === '{' ? '}' : ']');
    else if (c === '}' || c === ']') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}
