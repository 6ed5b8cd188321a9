import { type Diagnostic, error, warning } from '../diagnostics/diagnostic.js';
import type { Position } from '../model/deck.js';
import type { AnyToken } from './element-comments.js';

/** One item of an attribute block: `.class`, `#id` or `key=value`, and where it starts in the block's text. */
export interface BlockAttribute {
  kind: 'class' | 'id' | 'pair';
  name: string;
  value: string;
  offset: number;
}

export interface AttributeBlockParse {
  items: BlockAttribute[];
  /** 0-based offset in the block's text (between the braces) of the first character that could not be read. */
  errorOffset?: number;
}

const CLASS = /\s*\.([A-Za-z_][\w-]*)/y;
const ID = /\s*#([A-Za-z_][\w:.-]*)/y;
const PAIR = /\s*([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`{}]+))/y;

/**
 * Reads the inside of a Pandoc attribute block: `.class`, `#id`, `key=value`, `key="a value"`,
 * separated by blanks, as Pandoc and Quarto write them after an image.
 */
export function parseAttributeBlock(text: string): AttributeBlockParse {
  const items: BlockAttribute[] = [];
  let index = 0;
  while (index < text.length) {
    if (/^\s*$/.test(text.slice(index))) break;
    const item = readItem(text, index);
    if (!item) return { items, errorOffset: index + (text.slice(index).length - text.slice(index).trimStart().length) };
    items.push(item.attribute);
    index = item.end;
    if (index < text.length && !/\s/.test(text[index] ?? '')) return { items, errorOffset: index };
  }
  return { items };
}

function readItem(text: string, index: number): { attribute: BlockAttribute; end: number } | undefined {
  for (const [kind, pattern] of [['class', CLASS], ['id', ID], ['pair', PAIR]] as const) {
    pattern.lastIndex = index;
    const match = pattern.exec(text);
    if (!match) continue;
    const name = match[1] ?? '';
    const value = kind === 'pair' ? (match[2] ?? match[3] ?? match[4] ?? '') : '';
    const offset = index + match[0].length - match[0].trimStart().length;
    return { attribute: { kind, name, value, offset }, end: pattern.lastIndex };
  }
  return undefined;
}

/** A CSS length for `width=`/`height=`: a bare number is pixels, as in Pandoc. */
const LENGTH = /^(\d+(?:\.\d+)?|\.\d+)(px|%|em|rem|ex|ch|vw|vh|vmin|vmax|cm|mm|in|pt|pc)?$/;

export const ATTRIBUTE_BLOCK_HINT = 'write it as Pandoc and Quarto do, right after the image: ![alt](x.png){width=60%}, {height=300px}, {.class #id key="value"}';

/**
 * An image followed at once by `{…}` (Pandoc's and Quarto's attribute block): the block is taken out
 * of the text after the image and its attributes set on the image. `width`/`height` become CSS
 * (a percentage height is a share of the slide's height); the rest are attributes of the `<img>`.
 * `at` gives the deck position of an offset in the segment; `end` is where the image's text ends there.
 */
export function readImageAttributeBlock(image: AnyToken, next: AnyToken | undefined, end: number, at: (offset: number) => Position, file: string): Diagnostic[] {
  if (next?.type !== 'text' || !next.raw.startsWith('{')) return [];
  const close = closingBrace(next.raw);
  if (close < 0) {
    // A `{` that is never closed on its line is text, as in Pandoc; say so in case it was meant as attributes.
    if (next.raw.split('\n')[0]?.includes('=') !== true && !/^\{[.#]/.test(next.raw)) return [];
    return [warning('unclosed-image-attributes', 'this `{` after an image opens an attribute block that is never closed; it shows as text',
      { file, ...at(end) }, 'close it with `}` on the same line: ![alt](x.png){width=60%}')];
  }
  const inside = next.raw.slice(1, close);
  const parsed = parseAttributeBlock(inside);
  if (parsed.errorOffset !== undefined) {
    return [error('bad-image-attributes', 'cannot read this attribute block of an image', { file, ...at(end + 1 + parsed.errorOffset) }, ATTRIBUTE_BLOCK_HINT)];
  }
  const taken = next.raw.slice(0, close + 1);
  next.raw = next.raw.slice(taken.length);
  next.text = next.text?.startsWith(taken) ? next.text.slice(taken.length) : next.raw;
  const diagnostics: Diagnostic[] = [];
  const attrs: Record<string, string> = { ...(image.lecternAttrs ?? {}) };
  const style: string[] = [];
  for (const item of parsed.items) {
    if (item.kind === 'class') attrs.class = attrs.class ? `${attrs.class} ${item.name}` : item.name;
    else if (item.kind === 'id') attrs.id = item.name;
    else if (item.name === 'width' || item.name === 'height') {
      const css = cssLength(item.name, item.value);
      if (css) style.push(`${item.name}: ${css}`);
      else {
        diagnostics.push(warning('bad-image-size', `\`${item.name}=${item.value}\` is not a size; the image keeps its own`,
          { file, ...at(end + 1 + item.offset) }, `write a number with a unit: ${item.name}=60%, ${item.name}=300px, ${item.name}=8cm (a bare number is pixels)`));
      }
    } else if (item.name === 'style') style.push(item.value.replace(/;\s*$/, ''));
    else attrs[item.name] = item.value;
  }
  // With a height the box is the author's; the picture keeps its proportions inside it.
  if (style.some((s) => s.startsWith('height:'))) style.push('object-fit: contain');
  if (style.length > 0) attrs.style = [attrs.style?.replace(/;\s*$/, ''), ...style].filter(Boolean).join('; ');
  image.lecternAttrs = attrs;
  return diagnostics;
}

/** Where the block's `}` is: the first one outside quotes; -1 when the line ends first. */
function closingBrace(text: string): number {
  let quote: string | undefined;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '}') return i;
    else if (c === '\n') return -1;
  }
  return -1;
}

function cssLength(name: string, value: string): string | undefined {
  const match = LENGTH.exec(value.trim());
  if (!match) return undefined;
  const [, number, unit] = match;
  // A percentage width is of the text's width; a percentage height of the slide's (reveal.js sets --slide-height).
  if (unit === '%' && name === 'height') return `calc(var(--slide-height, 720px) * ${Number(number) / 100})`;
  return `${number}${unit ?? 'px'}`;
}
