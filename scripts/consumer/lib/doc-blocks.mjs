// Code blocks of a markdown page, with the `<!-- doc-test: … -->` directive written on the line above a block.
// See scripts/consumer/README.md ("Documentation examples") for what each kind of block does.

const FENCE = /^(`{3,}|~{3,})\s*([\w-]*)/;
const DIRECTIVE = /^<!--\s*doc-test:\s*(.*?)\s*-->$/;
const PATH_COMMENT = /^(?:#|\/\/|<!--)\s*([\w@./-]+\.(?:ya?ml|json|tsx?|mts|m?js|md|hbs|txt|py))(?=$|\s)/;

/**
 * `{ lang, code, line, file?, directive? }` per fenced block: `file` when the first line names one (`# path.yaml`,
 * `// path.ts`, `<!-- path.md -->`), `directive` from a `<!-- doc-test: … -->` line right above the fence.
 * `pageDirective` is a `<!-- doc-test: … -->` line before the first heading.
 */
export function parseBlocks(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  let pageDirective;
  let seenHeading = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^#\s/.test(line)) seenHeading = true;
    const directiveHere = DIRECTIVE.exec(line.trim());
    if (directiveHere && !seenHeading) pageDirective = directiveHere[1];
    const fence = FENCE.exec(line);
    if (!fence) continue;
    const close = fence[1];
    const body = [];
    let j = i + 1;
    while (j < lines.length && !(lines[j] ?? '').startsWith(close)) body.push(lines[j++] ?? '');
    const above = (lines[i - 1] ?? '').trim();
    const directive = DIRECTIVE.exec(above)?.[1];
    const file = PATH_COMMENT.exec((body[0] ?? '').trim())?.[1];
    blocks.push({
      lang: fence[2] || 'text',
      code: `${body.join('\n')}\n`,
      line: i + 1,
      ...(file ? { file } : {}),
      ...(directive === undefined ? {} : { directive }),
    });
    i = j;
  }
  return { blocks, ...(pageDirective === undefined ? {} : { pageDirective }) };
}

/** `skip — reason` / `skip-page — reason` → the reason (a skip without one is an error); else undefined. */
export function skipReason(directive, word = 'skip') {
  if (!directive) return undefined;
  const match = new RegExp(`^${word}\\b\\s*(?:[—–:-]\\s*)?(.*)$`).exec(directive);
  if (!match) return undefined;
  if (!match[1]) throw new Error(`"doc-test: ${word}" needs a reason: <!-- doc-test: ${word} — why -->`);
  return match[1];
}

/** `exit N` → N; else 0. */
export function expectedExit(directive) {
  const match = /^exit\s+(\d+)/.exec(directive ?? '');
  return match ? Number(match[1]) : 0;
}
