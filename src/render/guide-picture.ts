import type { Token } from 'marked';
import type { Block, Slide } from '../model/deck.js';
import { escapeHtml } from './escape.js';
import { type GuidePageOptions, PAPER_MM, PRINT_MARGINS_MM, SLIDE_PREVIEW_CSS } from './print-page.js';

/** The picture beside the notes on an ordinary card. */
export const COLUMN_PICTURE_MM = 80;

/** The picture's frame (`.print-card__picture`'s border, both sides): the slide is zoomed to what is inside it. */
const PICTURE_FRAME_MM = 0.6;

/** reveal.js's slide size, which the preview lays the slide out at before zooming it. */
const SLIDE_WIDTH_PX = 1280;

/**
 * What on a slide the notes may point at and a small picture cannot show: reading it needs the
 * full text width. An image counts: screenshots of code and terminals are read line by line.
 */
export type SlideDetail = 'diagram' | 'code' | 'table' | 'image';

/**
 * The first detail found on what the slide shows (its blocks and activities; not its notes or
 * handout material): a diagram, a code block, a table or an image, in Markdown or raw HTML.
 */
export function slideDetail(slide: Slide): SlideDetail | undefined {
  if (slide.diagrams.length > 0) return 'diagram';
  return detailInBlocks(slide.blocks);
}

function detailInBlocks(blocks: readonly Block[]): SlideDetail | undefined {
  for (const block of blocks) {
    if (block.kind === 'handout') continue;
    const found = block.kind === 'markdown' ? detailInTokens(block.tokens) : detailInBlocks(block.children);
    if (found) return found;
  }
  return undefined;
}

/** Lists and quotes nest their tokens; raw HTML counts by its tags. */
function detailInTokens(tokens: readonly Token[]): SlideDetail | undefined {
  for (const token of tokens) {
    if (token.type === 'code') return 'code';
    if (token.type === 'table') return 'table';
    if (token.type === 'image') return 'image';
    if (token.type === 'html') {
      const tag = /<(svg|pre|table|img)\b/i.exec((token as { text: string }).text)?.[1]?.toLowerCase();
      if (tag) return ({ svg: 'diagram', pre: 'code', table: 'table', img: 'image' } as const)[tag as 'svg' | 'pre' | 'table' | 'img'];
    }
    const children = (token as { tokens?: Token[] }).tokens ?? (token as { items?: Token[] }).items;
    const found = children ? detailInTokens(children) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** The width of the page's text: a full-width picture is this wide. */
export function textWidthMm(paper: GuidePageOptions['paper']): number {
  return PAPER_MM[paper].width - 2 * PRINT_MARGINS_MM.side;
}

/** The zoom that fits a 1280 px slide into a picture `widthMm` wide (CSS: 96 px to the inch). */
export function previewZoom(widthMm: number): number {
  return Math.round((((widthMm - PICTURE_FRAME_MM) / 25.4) * 96 * 1e5) / SLIDE_WIDTH_PX) / 1e5;
}

/**
 * The slide as itself (vector), else its screenshot, else its title in a box; `widthMm` wide.
 * A `fit` preview is as tall as the slide's content rather than 16:9.
 */
export function renderPicture(slide: Slide, options: GuidePageOptions, widthMm: number, fit = false): string {
  const section = options.previews?.sections.get(slide.index);
  if (section !== undefined) {
    const background = slideBackground(section);
    const style = [`--lectern-preview-zoom: ${previewZoom(widthMm)}`, background ? `background: ${background.css}` : ''].filter(Boolean).join('; ');
    const links = options.previews?.stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('') ?? '';
    // A declarative shadow root: the deck's CSS styles the slide and nothing else, with no script.
    const classes = ['slide-preview', background?.dark ? 'slide-preview--dark' : '', fit ? 'slide-preview--fit' : ''].filter(Boolean).join(' ');
    // A highlight.js style of the deck's own: its colours keep the background they were chosen for, as on the slide.
    const codeColours = options.previews?.stylesheets.some((href) => href.endsWith('highlight.css')) ? ' data-lectern-code-colours="stylesheet"' : '';
    // reveal.js marks a slide on a dark background has-dark-background, and the theme gives it its
    // own colours (light links, cards that stay light): the preview, which runs no reveal.js, too.
    const shown = background?.dark ? markDark(section) : section;
    return `<div class="${classes}" style="${escapeHtml(style)}"><template shadowrootmode="open">${links}<style>${SLIDE_PREVIEW_CSS}</style><div class="reveal"${codeColours}><div class="slides">${shown}</div></div></template></div>`;
  }
  const thumbnail = options.thumbnails?.get(slide.index);
  return thumbnail
    ? `<img src="${escapeHtml(thumbnail)}" alt="${escapeHtml(`Slide ${slide.index + 1}: ${slide.title}`)}">`
    : `<span class="print-card__placeholder">${escapeHtml(slide.title)}</span>`;
}

/** reveal.js draws `data-background` with script; the preview needs it as CSS. */
function slideBackground(section: string): { css: string; dark: boolean } | undefined {
  const open = /^<section\b[^>]*>/.exec(section)?.[0] ?? '';
  const color = /\sdata-background(?:-color)?="([^"]+)"/.exec(open)?.[1];
  const image = /\sdata-background-image="([^"]+)"/.exec(open)?.[1];
  if (image) return { css: `center / cover no-repeat url("${image.replace(/"/g, '%22')}")`, dark: false };
  if (!color || !/^(#[0-9a-f]{3,8}|rgba?\([^)]*\)|[a-z]+)$/i.test(color)) return undefined;
  return { css: color, dark: isDarkColor(color) };
}

function isDarkColor(color: string): boolean {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color)?.[1];
  if (!hex) return false;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45;
}

/** The section's start tag with the class reveal.js gives a slide on a dark background. */
function markDark(section: string): string {
  return section.replace(/^(\s*<section\b)([^>]*)>/, (_tag, open: string, attributes: string) =>
    /\sclass="/.test(attributes)
      ? `${open}${attributes.replace(/\sclass="/, ' class="has-dark-background ')}>`
      : `${open}${attributes} class="has-dark-background">`);
}
