/**
 * Whether a text is one well-formed XML document (XML 1.0 §2.1 as far as a check needs it): an optional
 * declaration, comments, processing instructions and a doctype, then exactly one root element; tags balanced and
 * properly nested; attribute values quoted and not repeated; `&` only in entity or character references; CDATA
 * sections closed. Returns `undefined` when well-formed, else the first problem as a sentence.
 */
export function xmlProblem(text: string): string | undefined {
  const source = text.trim();
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  const name = /[A-Za-z_:][\w.:-]*/y;
  while (i < source.length) {
    if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i + 4);
      if (end === -1) return 'a comment is not closed';
      i = end + 3;
    } else if (source.startsWith('<![CDATA[', i)) {
      if (stack.length === 0) return 'CDATA outside the root element';
      const end = source.indexOf(']]>', i);
      if (end === -1) return 'a CDATA section is not closed';
      i = end + 3;
    } else if (source.startsWith('<?', i)) {
      const end = source.indexOf('?>', i);
      if (end === -1) return 'a processing instruction is not closed';
      i = end + 2;
    } else if (source.startsWith('<!DOCTYPE', i)) {
      if (roots > 0 || stack.length > 0) return 'the doctype must come before the root element';
      const end = source.indexOf('>', i);
      if (end === -1) return 'the doctype is not closed';
      i = end + 1;
    } else if (source[i] === '<') {
      const closing = source[i + 1] === '/';
      name.lastIndex = i + (closing ? 2 : 1);
      const tag = name.exec(source)?.[0];
      if (!tag) return `invalid tag at character ${i + 1}`;
      let j = name.lastIndex;
      if (closing) {
        while (/\s/.test(source[j] ?? '')) j++;
        if (source[j] !== '>') return `invalid closing tag </${tag}`;
        const open = stack.pop();
        if (open !== tag) return open ? `</${tag}> closes <${open}>` : `</${tag}> has no opening tag`;
        i = j + 1;
        continue;
      }
      const seen = new Set<string>();
      for (;;) {
        const space = j;
        while (/\s/.test(source[j] ?? '')) j++;
        if (source.startsWith('/>', j) || source[j] === '>') break;
        if (j === space) return `invalid attribute in <${tag}>`;
        name.lastIndex = j;
        const attribute = name.exec(source)?.[0];
        if (!attribute) return `invalid attribute in <${tag}>`;
        if (seen.has(attribute)) return `attribute ${attribute} repeated in <${tag}>`;
        seen.add(attribute);
        j = name.lastIndex;
        while (/\s/.test(source[j] ?? '')) j++;
        if (source[j] !== '=') return `attribute ${attribute} of <${tag}> has no value`;
        j++;
        while (/\s/.test(source[j] ?? '')) j++;
        const quote = source[j];
        if (quote !== '"' && quote !== "'") return `attribute ${attribute} of <${tag}> is not quoted`;
        const end = source.indexOf(quote, j + 1);
        if (end === -1) return `attribute ${attribute} of <${tag}> is not closed`;
        if (source.slice(j + 1, end).includes('<')) return `"<" in attribute ${attribute} of <${tag}>`;
        j = end + 1;
      }
      if (stack.length === 0) {
        roots++;
        if (roots > 1) return 'more than one root element';
      }
      if (source[j] === '>') stack.push(tag);
      i = j + (source[j] === '>' ? 1 : 2);
    } else {
      const next = source.indexOf('<', i);
      const chunk = source.slice(i, next === -1 ? source.length : next);
      if (stack.length === 0 && chunk.trim() !== '') return 'text outside the root element';
      const amp = /&(?![A-Za-z_][\w.-]*;|#\d+;|#x[0-9A-Fa-f]+;)/.exec(chunk);
      if (amp) return 'a bare "&" (write &amp;)';
      i = next === -1 ? source.length : next;
    }
  }
  if (stack.length > 0) return `<${stack.at(-1)}> is not closed`;
  if (roots === 0) return 'no root element';
  return undefined;
}
