/** One `key="value"` pair and where it starts within the text it was read from (0-based). */
export interface AttributePair {
  name: string;
  value: string;
  offset: number;
}

export interface AttributeParseResult {
  pairs: AttributePair[];
  /** 0-based offset of the first character that could not be read, if any. */
  errorOffset?: number;
}

const PAIR = /\s*([A-Za-z_:][\w:.-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/y;

/**
 * Reads HTML-like attributes: `class="a b" data-x='1' time=5m hidden`. Used for
 * `<!-- .slide: … -->`, `<!-- .element: … -->` and `:::name{…}` alike, so one syntax
 * works everywhere.
 */
export function parseAttributes(text: string): AttributeParseResult {
  const pairs: AttributePair[] = [];
  let index = 0;
  while (index < text.length) {
    if (/^\s*$/.test(text.slice(index))) break;
    PAIR.lastIndex = index;
    const match = PAIR.exec(text);
    if (!match || match[0].trim() === '') return { pairs, errorOffset: firstNonSpace(text, index) };
    const name = match[1] ?? '';
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    pairs.push({ name, value, offset: index + match[0].indexOf(name) });
    index = PAIR.lastIndex;
    const next = text[index];
    if (next !== undefined && !/[\s,]/.test(next)) return { pairs, errorOffset: index };
    if (next === ',') index++;
  }
  return { pairs };
}

function firstNonSpace(text: string, from: number): number {
  const rest = text.slice(from);
  return from + (rest.length - rest.trimStart().length);
}
