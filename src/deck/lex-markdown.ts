import type { Marked, Token, Tokens } from 'marked';
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import { positionFinder, type SegmentLocation } from './annotate-tokens.js';
import { findDeepEmphasis, MAX_OPEN_EMPHASIS } from './emphasis-depth.js';
import { LinearLexer } from './linear-marked.js';
import { findDeepNesting, MAX_NESTING } from './nesting-depth.js';

export interface LexResult {
  tokens: Token[];
  diagnostics: Diagnostic[];
}

const HINT = `lectern reads at most ${MAX_NESTING} levels of lists, quotes or emphasis inside each other; flatten this part, or put it in a code block if it is an example`;

/**
 * marked's tokens for one segment of a slide, read the way marked.lexer reads it (blocks, then
 * each block's inline text), except where something nests deeper than lectern reads (marked
 * would call itself per level, until the stack overflows): lists and block quotes deeper than
 * MAX_NESTING make the segment plain text, emphasis deeper than MAX_OPEN_EMPHASIS markers makes
 * that paragraph plain text, each with an error where the limit is passed. The deck has an
 * error then, so nothing is built from the plain text.
 */
export function lexMarkdown(marked: Marked, where: SegmentLocation): LexResult {
  const deep = findDeepNesting(where.source);
  if (deep) {
    const problem = error('nesting-too-deep', `lists and block quotes nest more than ${MAX_NESTING} levels deep here`, { file: where.file, ...positionFinder(where)(deep.offset) }, HINT);
    return { tokens: [asPlainParagraph(where.source)], diagnostics: [problem] };
  }
  const lexer = new LinearLexer(marked.defaults);
  // As marked.lexer does; only a directive's text (a YAML escape) can hold a carriage return here.
  lexer.blockTokens(where.source.replace(/\r\n?/g, '\n'), lexer.tokens);
  const diagnostics: Diagnostic[] = [];
  let searchFrom = 0;
  for (const { src, tokens } of lexer.inlineQueue) {
    const deepAt = findDeepEmphasis(src);
    if (deepAt === undefined) {
      lexer.state.inRawBlock = false;
      lexer.inlineTokens(src, tokens);
      continue;
    }
    tokens.push(plainText(src));
    const offset = offsetInSegment(where.source, src, deepAt, searchFrom);
    searchFrom = offset;
    diagnostics.push(error('nesting-too-deep', `more than ${MAX_OPEN_EMPHASIS} emphasis markers (\`*\`, \`_\`, \`~\`) are open here`, { file: where.file, ...positionFinder(where)(offset) }, HINT));
  }
  lexer.inlineQueue = [];
  return { tokens: lexer.tokens, diagnostics };
}

/**
 * Where the character at `offset` of a block's inline text stands in the segment: marked
 * takes list markers and indentation off a block's lines, so its line is looked up in the
 * segment, from where the last one was found (blocks come in order).
 */
function offsetInSegment(source: string, inline: string, offset: number, from: number): number {
  const lineStart = inline.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = inline.indexOf('\n', offset);
  const line = inline.slice(lineStart, lineEnd < 0 ? inline.length : lineEnd);
  const found = source.indexOf(line, from);
  return found < 0 ? from : found + offset - lineStart;
}

function plainText(text: string): Tokens.Text {
  return { type: 'text', raw: text, text, escaped: false };
}

function asPlainParagraph(source: string): Tokens.Paragraph {
  return { type: 'paragraph', raw: source, text: source, tokens: [plainText(source)] };
}
