import type { Token } from 'marked';
import { type Diagnostic, warning } from '../diagnostics/diagnostic.js';
import type { Block, Position, Slide } from '../model/deck.js';
import type { Annotations } from './element-comments.js';
import { forEachStartTag, type StartTag } from './html-references.js';

type Marked = Token & Annotations;

export const MISSING_ALT_HINT =
  'say what the image shows for someone who cannot see it: ![The pipeline stops at the failing test](x.png); ' +
  'an image that is only decoration can say so: ![](x.png){role=presentation}';
const MISSING_HTML_ALT_HINT =
  'give it an alt attribute that says what it shows: <img src="x.png" alt="The pipeline stops at the failing test">; ' +
  'alt="" marks an image that is only decoration';

/**
 * Every image on the slide (content, activities, handout blocks and notes) that a screen reader
 * would announce without a text alternative: `![](x.png)` renders `alt=""`, which browsers and
 * axe take as decoration, so it passes silently unless lectern says so. Runs after Marp's image
 * syntax (its keywords are not alt text; its backgrounds are hidden).
 */
export function findImagesWithoutAlt(slide: Slide, file: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  const visitTokens = (tokens: readonly Token[]) => {
    for (const token of tokens as Marked[]) {
      if (token.lecternHidden) continue;
      if (token.type === 'image') {
        if (needsAlt(token) && token.lecternPosition) found.push(missingAlt((token as { href: string }).href, { file, ...token.lecternPosition }, MISSING_ALT_HINT));
      } else if (token.type === 'html' && token.lecternPosition) {
        const text = (token as { text: string }).text;
        for (const { src, offset } of htmlImagesWithoutAlt(text)) found.push(missingAlt(src, { file, ...positionIn(text, offset, token.lecternPosition) }, MISSING_HTML_ALT_HINT));
      }
      const children = token.type === 'list' ? (token as { items: Token[] }).items : (token as { tokens?: Token[] }).tokens;
      if (children) visitTokens(children);
      if (token.type === 'table') {
        const table = token as unknown as { header: { tokens: Token[] }[]; rows: { tokens: Token[] }[][] };
        for (const cell of [...table.header, ...table.rows.flat()]) visitTokens(cell.tokens);
      }
    }
  };
  const visitBlocks = (blocks: readonly Block[]) => {
    for (const block of blocks) {
      if (block.kind === 'markdown') visitTokens(block.tokens);
      else visitBlocks(block.children);
    }
  };
  visitBlocks(slide.blocks);
  visitBlocks(slide.notes);
  return found;
}

function missingAlt(src: string, span: Diagnostic['span'], hint: string): Diagnostic {
  return warning('image-no-alt', `image \`${src}\` has no alt text`, span, hint);
}

/** An image with empty alt text that nothing marks as decoration or names otherwise. */
function needsAlt(image: Marked): boolean {
  if ((image as { text?: string }).text?.trim()) return false;
  const attrs = image.lecternAttrs ?? {};
  return !marksDecoration(attrs.role, attrs['aria-hidden']) && !attrs['aria-label'] && !attrs['aria-labelledby'] && !attrs.alt?.trim();
}

function marksDecoration(role: string | undefined, ariaHidden: string | undefined): boolean {
  return /^(presentation|none)$/i.test(role?.trim() ?? '') || ariaHidden?.trim().toLowerCase() === 'true';
}

/** `<img>` tags with no `alt` attribute at all (`alt=""` is the author saying "decoration"). */
function htmlImagesWithoutAlt(html: string): { src: string; offset: number }[] {
  const found: { src: string; offset: number }[] = [];
  forEachStartTag(html, (tag, at) => {
    if (tag.name !== 'img') return;
    const value = (name: string) => attribute(tag, name);
    if (value('alt') !== undefined || value('aria-label')?.trim() || value('aria-labelledby')?.trim()) return;
    if (marksDecoration(value('role'), value('aria-hidden'))) return;
    found.push({ src: value('src') ?? value('data-src') ?? '', offset: at });
  });
  return found;
}

function attribute(tag: StartTag, name: string): string | undefined {
  return tag.attributes.find((a) => a.name === name)?.value;
}

/** The file position of `offset` in a token's text that starts at `start`. */
function positionIn(text: string, offset: number, start: Position): Position {
  const before = text.slice(0, offset);
  const newline = before.lastIndexOf('\n');
  if (newline < 0) return { line: start.line, column: start.column + offset };
  return { line: start.line + before.split('\n').length - 1, column: offset - newline };
}
