/**
 * How deep lists and block quotes may nest in a deck. marked reads each level by calling itself
 * (a 10,000-deep quote overflows the stack) and re-reads the text below it at each level (1,000
 * levels take seconds); no slide needs more than a handful. Documented in docs/deck-format.md.
 */
export const MAX_NESTING = 100;

export interface DeepNesting {
  /** Where the marker (`>`, `-`, `1.` …) that passes the limit stands in the text. */
  offset: number;
  depth: number;
}

const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/;

/**
 * The first place where lists and block quotes nest deeper than `limit`, read line by line
 * without recursion, the way CommonMark opens containers: a `>` opens a quote on its line, and
 * a list marker opens an item inside every item whose content starts at or before the marker's
 * column. Items close at a marker further left, or at a line further left after a blank line
 * (without the blank it may be a lazy continuation). Never counts less than marked nests, so it
 * may count a little more: lines of code count too, since only a full Markdown parse knows which
 * lines are code (after `<div>`, a ``` line opens no code block).
 */
export function findDeepNesting(source: string, limit = MAX_NESTING): DeepNesting | undefined {
  /** The content column of each open list item, outermost first. */
  const items: number[] = [];
  let previousBlank = true;
  for (let start = 0; start <= source.length;) {
    const newline = source.indexOf('\n', start);
    const end = newline < 0 ? source.length : newline;
    const line = source.slice(start, end);
    const lineStart = start;
    start = end + 1;
    if (line.trim() === '') {
      previousBlank = true;
      continue;
    }
    let at = 0;
    let column = 0;
    let quotes = 0;
    let markers = 0;
    for (;;) {
      while (line[at] === ' ' || line[at] === '\t') column = line[at++] === '\t' ? column + 4 - (column % 4) : column + 1;
      const markerAt = lineStart + at;
      if (markers === 0 && quotes === 0 && previousBlank) closeItemsRightOf(items, column);
      if (line[at] === '>') {
        quotes++;
        at++;
        column++;
      } else {
        const marker = LIST_MARKER.exec(line.slice(at, at + 11))?.[0];
        if (marker === undefined) break;
        closeItemsRightOf(items, column);
        at += marker.length;
        const spaces = /^[ \t]*/.exec(line.slice(at, at + 5))?.[0].length ?? 0;
        items.push(column + marker.length + (spaces >= 1 && spaces <= 4 ? spaces : 1));
        column += marker.length;
        markers++;
      }
      if (quotes + items.length > limit) return { offset: markerAt, depth: quotes + items.length };
    }
    previousBlank = false;
  }
  return undefined;
}

function closeItemsRightOf(items: number[], column: number): void {
  while ((items[items.length - 1] ?? -1) > column) items.pop();
}
