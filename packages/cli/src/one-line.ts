/**
 * Makes user-supplied text safe to print inside one line of output: line breaks, other control characters
 * (C0, DEL, C1, including the terminal escape `ESC`) and Unicode line/paragraph separators become visible escapes
 * (`\n`, `\u001b`), so a model name, file name or message cannot forge a line or recolour the terminal.
 */
export function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => {
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
