import type { Token } from 'marked';
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import { type SegmentLocation, positionFinder, walk } from './annotate-tokens.js';
import { RAW_TEXT_ELEMENTS, findCommentEnd, findRawTextEnd, readStartTag } from './html-references.js';

/** What is open at the end of a markdown segment, and where it was opened (offset in the segment). */
interface OpenConstruct {
  /** `comment`, a raw text element's name, or `plaintext` (which nothing closes). */
  name: string;
  offset: number;
}

/**
 * Finds raw HTML in one markdown segment that would swallow the rest of the page: a comment,
 * `<script>`, `<style>`, `<textarea>`, `<title>`, `<xmp>`, `<iframe>` (…) opened and not closed
 * before the segment ends. Everything after it, the following slides included, would be
 * hidden or read as that element's text, and reveal.js would never start.
 *
 * Reads marked's tokens, so code (fenced, indented, spans) and escaped `\<` are never HTML.
 * Only raw HTML tokens are scanned: marked escapes every other `<` and `>`, so nothing else can
 * open or close these.
 */
export function checkRawHtml(tokens: Token[], where: SegmentLocation): Diagnostic[] {
  // No `<`, no raw HTML: most segments end here.
  if (!where.source.includes('<')) return [];
  let open: OpenConstruct | undefined;
  walk(tokens as Parameters<typeof walk>[0], where.source, 0, [], (token, offset) => {
    // A hidden `.element` comment is not in the page; it cannot open or close anything.
    if (token.type !== 'html' || token.lecternHidden || open?.name === 'plaintext') return;
    open = scanHtml((token as { text: string }).text, offset, open);
  });
  if (!open) return [];
  const position = positionFinder(where)(open.offset);
  return [unclosedDiagnostic(open.name, { file: where.file, ...position })];
}

/** Runs the HTML tokenizer's few states that matter here over one token's text. */
function scanHtml(text: string, base: number, open: OpenConstruct | undefined): OpenConstruct | undefined {
  let at = 0;
  let current = open;
  while (at < text.length) {
    if (current) {
      const end = current.name === 'comment' ? findCommentEnd(text, at) : findRawTextEnd(text, current.name, at);
      if (end === undefined) return current;
      current = undefined;
      at = end;
      continue;
    }
    const lt = text.indexOf('<', at);
    if (lt < 0) return undefined;
    if (text.startsWith('<!--', lt)) {
      current = { name: 'comment', offset: base + lt };
      at = lt + 4;
      continue;
    }
    const tag = readStartTag(text, lt);
    // A tag that never ends: the browser reads the rest as its attributes, so no tag follows.
    if (tag && !tag.closed) return undefined;
    if (!tag) {
      at = lt + 1;
      continue;
    }
    at = tag.end;
    if (tag.name === 'plaintext') return { name: 'plaintext', offset: base + lt };
    if (RAW_TEXT_ELEMENTS.has(tag.name)) current = { name: tag.name, offset: base + lt };
  }
  return current;
}

function unclosedDiagnostic(name: string, span: Diagnostic['span']): Diagnostic {
  if (name === 'comment') {
    return error('unclosed-html-comment', 'this HTML comment is never closed, so it hides the rest of the deck',
      span, 'end it with `-->` on this slide; to show `<!--` as text, put it in backticks');
  }
  if (name === 'plaintext') {
    return error('unclosed-html-element', '`<plaintext>` turns the rest of the deck into plain text',
      span, 'remove it; to show the tag as text, put it in backticks: `<plaintext>`');
  }
  return error('unclosed-html-element', `\`<${name}>\` is never closed, so the rest of the deck becomes its text`,
    span, `close it with \`</${name}>\` on this slide; to show the tag as text, put it in backticks: \`<${name}>\``);
}
