import type { Marked, Token } from 'marked';
import { parseDocument } from 'yaml';
import { type Diagnostic, warning } from '../../diagnostics/diagnostic.js';
import type { DeckMeta, MarkdownBlock, Position, Slide } from '../../model/deck.js';
import type { Annotations } from '../element-comments.js';
import { isLocalPath } from '../html-references.js';
import type { ReadingValue } from '../front-matter.js';
import { findProtectedRanges } from '../protected-ranges.js';
import type { SeparatorPatterns } from '../separators.js';
import type { SlideChunk } from '../split-slides.js';
import { positionFinder, type SegmentLocation } from '../annotate-tokens.js';
import { lexMarkdown } from '../lex-markdown.js';
import { append } from '../../model/append.js';
import { dropUnnameableAssets, unnameablePath } from '../asset-paths.js';
import { MAX_ALIAS_COUNT, MAX_FRONT_MATTER_CHARS } from '../front-matter-yaml.js';
import { findBadKey, findDeepYaml } from '../yaml-shape.js';

/**
 * Marp's conventions (marpit.marp.app/directives, /image-syntax), read into lectern's Deck model:
 * HTML comments are directives or speaker notes, local directives carry on to the following
 * slides (`_name` only for one slide), `![bg …]` is a background and `![w:200 …]` a size.
 */

/** Directives that apply per slide; written in front matter they start from the first slide. */
const LOCAL = ['paginate', 'header', 'footer', 'class', 'backgroundColor', 'backgroundImage', 'backgroundPosition', 'backgroundRepeat', 'backgroundSize', 'color'];
const GLOBAL = ['theme', 'style', 'headingDivider', 'size', 'math', 'title', 'description', 'author', 'image', 'url', 'lang', 'marp', 'transition', 'inlineSVG'];

/** Marp's built-in themes, shown with lectern's nearest look. */
const MARP_THEMES: Record<string, string> = { default: 'course', gaia: 'course', uncover: 'course' };

export type Directives = Record<string, unknown>;

/** Marp's separators: every horizontal ruler (`---`, `***`, `___`, `- - -`), and headings up to `headingDivider`. */
export function marpSeparators(headingDivider: number | undefined): SeparatorPatterns {
  const rulers = '^ {0,3}(?:(?:-[ \\t]*){3,}|(?:\\*[ \\t]*){3,}|(?:_[ \\t]*){3,})$';
  const divider = headingDivider ? `|(?=^#{1,${headingDivider}}[ \\t])` : '';
  return { separator: rulers + divider, verticalSeparator: null, notesSeparator: '(?!)' };
}

/** `headingDivider` from the front matter, or from a directive comment anywhere (it is global). */
export function findHeadingDivider(globals: Record<string, ReadingValue<unknown>>, body: string): number | undefined {
  const written = globals.headingDivider?.value ?? /<!--\s*headingDivider:\s*(\d)\s*-->/.exec(body)?.[1];
  const level = Array.isArray(written) ? written.map(Number).reduce((a, b) => Math.max(a, b), -Infinity) : Number(written);
  return Number.isInteger(level) && level >= 1 && level <= 6 ? level : undefined;
}

/** What a slide's comments said, read before the slide is parsed (its comments blanked out). */
export interface MarpSlideReading {
  chunk: SlideChunk;
  /** Each note's text, dedented, and where each of its lines starts in the file. */
  notes: { text: string; position: Position; lineStarts: Position[] }[];
  /** The directives in force on this slide (inherited, local and spot). */
  directives: Directives;
  /** What the next slide inherits. */
  inherited: Directives;
  diagnostics: Diagnostic[];
}

/** Takes a slide's directive and note comments out of its text, keeping every other character where it was. */
export function readMarpComments(chunk: SlideChunk, inherited: Directives, meta: DeckMeta, file: string): MarpSlideReading {
  const text = chunk.lines.join('\n');
  const at = positionFinder({ file, source: text, line: chunk.startLine, column: chunk.startColumn });
  const reading: MarpSlideReading = { chunk, notes: [], directives: { ...inherited }, inherited: { ...inherited }, diagnostics: [] };
  // Blanked text is built in pieces: one pass, however many comments the slide has.
  const pieces: string[] = [];
  let copied = 0;
  for (const range of findProtectedRanges(text)) {
    if (range.kind !== 'comment') continue;
    const body = text.slice(range.start + 4, range.end - 3);
    if (/^\s*\.(slide|element)\b/.test(body)) continue;
    const directives = asDirectives(body);
    if (directives) applyDirectives(directives, reading, meta, file, at(range.start));
    else if (body.trim() !== '' && !MAGIC_COMMENTS.some((m) => m.test(body.trim()))) reading.notes.push(dedentNote(body, range.start + 4, at));
    pieces.push(text.slice(copied, range.start), text.slice(range.start, range.end).replace(/[^\n]/g, ' '));
    copied = range.end;
  }
  pieces.push(text.slice(copied));
  reading.chunk = { ...chunk, lines: pieces.join('').split('\n') };
  return reading;
}

/** A comment that is YAML naming only Marp directives (`_class: lead`, `paginate: false`). */
function asDirectives(body: string): Directives | undefined {
  // Directives are a few short lines: a long or deeply nested comment is a note, never handed to the YAML parser.
  if (body.length > MAX_FRONT_MATTER_CHARS || !/^\s*_?[A-Za-z]+\s*:/.test(body) || findDeepYaml(body) !== undefined) return undefined;
  let value: unknown;
  try {
    const doc = parseDocument(body, { uniqueKeys: false, logLevel: 'error' });
    if (doc.errors.length > 0 || findBadKey(doc)) return undefined;
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  // As Marpit: a comment naming any directive is a directive comment (its other keys are ignored), never a note.
  const directives = Object.entries(value).filter(([k]) => LOCAL.includes(k.replace(/^_/, '')) || GLOBAL.includes(k));
  return directives.length > 0 ? Object.fromEntries(directives) : undefined;
}

/** Comments of other tools (Prettier, markdownlint, remark-lint) and Marp's `fit`: neither directives nor notes. */
const MAGIC_COMMENTS = [/^prettier-ignore(-(start|end))?$/, /^markdownlint-((disable|enable).*|capture|restore)$/, /^lint (disable|enable|ignore).*$/, /^fit$/];

function applyDirectives(directives: Directives, reading: MarpSlideReading, meta: DeckMeta, file: string, position: Position): void {
  for (const [key, value] of Object.entries(directives)) {
    if (key.startsWith('_')) reading.directives[key.slice(1)] = value;
    else if (LOCAL.includes(key)) {
      reading.directives[key] = value;
      reading.inherited[key] = value;
    } else applyGlobal(key, value, meta, file, position, reading.diagnostics);
  }
}

/** Global directives, from the front matter or a comment: the ones lectern has a place for. */
export function applyGlobal(key: string, value: unknown, meta: DeckMeta, file: string, position: Position, diagnostics: Diagnostic[]): void {
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  if (key === 'theme' && text && unnameablePath(text) !== undefined) {
    diagnostics.push(warning('bad-path', `the \`theme\` directive names no theme and cannot be the name of a file: ${unnameablePath(text)}`, { file, ...position },
      'name a theme (e.g. `course`, `black`) or a .css file'));
  } else if (key === 'theme' && text) {
    const mapped = MARP_THEMES[text];
    if (mapped) {
      meta.theme = mapped;
      diagnostics.push(warning('marp-theme', `Marp's \`${text}\` theme is shown with lectern's \`${mapped}\` theme`, { file, ...position },
        'pick a lectern or reveal.js theme by name, or a .css file, to choose the look yourself'));
    } else meta.theme = text;
  } else if (key === 'style' && text) meta.css = `${meta.css ?? ''}${text}\n`;
  else if (key === 'size' && text === '4:3') meta.reveal = { width: 960, height: 720, ...meta.reveal };
  else if (key === 'title' && text) meta.title ??= text;
  else if (key === 'author' && text) meta.author ??= text;
  else if (key === 'description' && text) meta.subtitle ??= text;
  else if (key === 'lang' && text) meta.lang = text;
  else if (key === 'math' && value !== false) {
    diagnostics.push(warning('marp-math', 'math typesetting is not supported: formulas show as their source', { file, ...position }));
  }
}

/** After the slide is parsed: its notes, its section's attributes, header, footer, page number, and Marp's image syntax. */
export function applyMarpToSlide(slide: Slide, reading: MarpSlideReading, marked: Marked, file: string): Diagnostic[] {
  const diagnostics = [...reading.diagnostics];
  const d = reading.directives;
  const lex = (text: string, position: Position, where: SegmentLocation = { file, source: text, ...position }): MarkdownBlock => {
    const { tokens, diagnostics: problems } = lexMarkdown(marked, where);
    append(diagnostics, problems);
    return { kind: 'markdown', position, source: text, tokens };
  };
  // A note's lines are the comment's lines; a header's or footer's text comes from a directive, so its problems are shown at the slide.
  const atSlide = (text: string): SegmentLocation => ({ file, source: text, ...slide.position, lineStarts: text.split('\n').map(() => slide.position) });
  for (const note of reading.notes) slide.notes.push(lex(note.text, note.position, { file, source: note.text, ...note.position, lineStarts: note.lineStarts }));
  const attributes = slide.attributes;
  const addClass = (name: string) => (attributes.class = attributes.class ? `${attributes.class} ${name}` : name);
  if (typeof d.class === 'string' && d.class.trim()) addClass(d.class.trim());
  if (typeof d.backgroundColor === 'string') attributes['data-background-color'] = d.backgroundColor;
  // Marp's `invert` class is a dark slide; reveal.js draws backgrounds outside the section.
  else if (/(^|\s)invert(\s|$)/.test(attributes.class ?? '')) attributes['data-background-color'] = '#1e2430';
  if (typeof d.backgroundImage === 'string') backgroundImage(d.backgroundImage, slide);
  if (typeof d.backgroundSize === 'string') attributes['data-background-size'] = d.backgroundSize;
  if (typeof d.backgroundPosition === 'string') attributes['data-background-position'] = d.backgroundPosition;
  if (typeof d.backgroundRepeat === 'string') attributes['data-background-repeat'] = d.backgroundRepeat;
  // Marp's text colour is the slide's: its headings too, or a theme's dark headings vanish on the dark background it came with.
  if (typeof d.color === 'string') attributes.style = `${attributes.style ? `${attributes.style};` : ''}color: ${d.color}; --r-heading-color: ${d.color}`;
  const chrome: NonNullable<Slide['chrome']> = {};
  if (typeof d.header === 'string' && d.header.trim()) chrome.header = lex(d.header, slide.position, atSlide(d.header));
  if (typeof d.footer === 'string' && d.footer.trim()) chrome.footer = lex(d.footer, slide.position, atSlide(d.footer));
  if (d.paginate === true) chrome.pageNumber = true;
  if (Object.keys(chrome).length > 0) slide.chrome = chrome;
  for (const block of slide.blocks) if (block.kind === 'markdown') readImages(block.tokens, slide, file, diagnostics);
  // A background directive names a file too.
  append(diagnostics, dropUnnameableAssets(slide, file));
  return diagnostics;
}

/** `url(img.png)` is an image (copied like any other); anything else (a gradient) is CSS. */
function backgroundImage(css: string, slide: Slide): void {
  const url = /^\s*url\(\s*["']?([^"')]+)["']?\s*\)\s*$/.exec(css)?.[1];
  if (!url) {
    slide.attributes['data-background-gradient'] = css;
    return;
  }
  slide.attributes['data-background-image'] = url;
  // Copied like any background file (one copy however many slides inherit it).
  if (isLocalPath(url)) slide.assets.push({ kind: 'background', url, position: slide.position });
}

type ImageToken = Token & Annotations & { href: string; text: string };

/** Marp's image keywords, each read from the alt text; what is left is the alt text. */
function readImages(tokens: readonly Token[], slide: Slide, file: string, diagnostics: Diagnostic[]): void {
  for (const token of tokens) {
    const children = (token as { tokens?: Token[]; items?: Token[] }).tokens ?? (token as { items?: Token[] }).items;
    if (children) readImages(children, slide, file, diagnostics);
    if (token.type === 'list' && /^ {0,3}(\*|\d+\))/.test(token.raw)) {
      // Marp's fragmented list: `*` bullets and `1)` numbers appear one by one.
      for (const item of (token as { items: (Token & Annotations)[] }).items) item.lecternAttrs = { ...item.lecternAttrs, class: 'fragment' };
    }
    if (token.type === 'paragraph' && children && children.length > 0 && children.every((c) => isBackground(c) || (c.type === 'text' && c.raw.trim() === ''))) {
      (token as Annotations).lecternHidden = true;
    }
    if (token.type === 'image') readImage(token as ImageToken, slide);
  }
}

/** Read already (children come first): a background image is hidden. */
function isBackground(token: Token): boolean {
  return token.type === 'image' && (token as Annotations).lecternHidden === true;
}

const FILTERS = ['blur', 'brightness', 'contrast', 'drop-shadow', 'grayscale', 'hue-rotate', 'invert', 'opacity', 'saturate', 'sepia'];

function readImage(image: ImageToken, slide: Slide): void {
  const words = image.text.split(/\s+/).filter(Boolean);
  const rest: string[] = [];
  const style: string[] = [];
  let background = false;
  let size: string | undefined;
  let split: { side: 'left' | 'right'; width: string } | undefined;
  for (const word of words) {
    const [name = '', value] = word.split(/:(.*)/s);
    if (word === 'bg') background = true;
    else if (word === 'fit' || word === 'contain') size = 'contain';
    else if (word === 'cover' || word === 'auto') size = word;
    else if (/^\d+(\.\d+)?%$/.test(word)) size = word;
    else if (name === 'left' || name === 'right') split = { side: name, width: value && /^\d+(\.\d+)?%$/.test(value) ? value : '50%' };
    else if ((name === 'w' || name === 'width') && value) style.push(`width: ${cssLength(value)}`);
    else if ((name === 'h' || name === 'height') && value) style.push(`height: ${cssLength(value)}`);
    else if (FILTERS.includes(name)) style.push(`filter: ${name}(${value ?? defaultFilter(name)})`);
    else if (word !== 'vertical') rest.push(word);
  }
  // marked renders the alt text from the image's child tokens.
  image.text = rest.join(' ');
  (image as { tokens?: Token[] }).tokens = [{ type: 'text', raw: image.text, text: image.text, escaped: false } as Token];
  if (!background) {
    if (style.length > 0) image.lecternAttrs = { ...image.lecternAttrs, style: style.join('; ') };
    return;
  }
  image.lecternHidden = true;
  const attributes = slide.attributes;
  if (isCssColor(image.href)) {
    // `![bg](rebeccapurple)`: Marp's colour background; not a file to copy.
    slide.assets = slide.assets.filter((asset) => asset.url !== image.href);
    attributes['data-background-color'] ??= image.href;
    return;
  }
  // The first background of a slide is its reveal.js background; Marp's side-by-side extras are not drawn.
  if (attributes['data-background-image']) return;
  attributes['data-background-image'] = image.href;
  if (split) {
    attributes['data-background-size'] = size === 'cover' || size === undefined ? `${split.width} 100%` : size;
    attributes['data-background-position'] = split.side;
    attributes.class = `${attributes.class ? `${attributes.class} ` : ''}lectern-bg-split lectern-bg-${split.side}`;
    attributes.style = `${attributes.style ? `${attributes.style}; ` : ''}--lectern-bg-split: ${split.width}`;
  } else attributes['data-background-size'] = size ?? 'cover';
}

/** A colour keyword, hex colour or colour function, as Marp takes in place of a background image's URL. */
function isCssColor(value: string): boolean {
  const v = value.trim();
  return /^#[0-9a-f]{3,8}$/i.test(v) || /^(rgb|rgba|hsl|hsla|hwb|lab|lch|oklab|oklch|color)\(/i.test(v) || (/^[a-z]+$/i.test(v) && !/\./.test(v));
}

function cssLength(value: string): string {
  return /^\d+(\.\d+)?$/.test(value) ? `${value}px` : value;
}

function defaultFilter(name: string): string {
  return ({ blur: '10px', brightness: '1.5', contrast: '2', 'drop-shadow': '0 5px 10px rgba(0,0,0,.4)', 'hue-rotate': '180deg', opacity: '.5', saturate: '2' } as Record<string, string>)[name] ?? '1';
}

/**
 * A note comment's text without its blank first and last lines and without the indentation its
 * lines share, with where each line of the result starts in the file (at maps offsets in the slide).
 */
function dedentNote(body: string, bodyOffset: number, at: (offset: number) => Position): MarpSlideReading['notes'][number] {
  const leading = /^\s*\n/.exec(body)?.[0].length ?? 0;
  const trailing = /\n\s*$/.exec(body.slice(leading))?.[0].length ?? 0;
  const lines = body.slice(leading, body.length - trailing).split('\n');
  // A loop, not Math.min(...lines): a note of 200,000 lines is more arguments than a call takes.
  let indent = Infinity;
  for (const line of lines) if (line.trim()) indent = Math.min(indent, /^\s*/.exec(line)?.[0].length ?? 0);
  const cut = Number.isFinite(indent) ? indent : 0;
  const lineStarts: Position[] = [];
  let offset = bodyOffset + leading;
  const kept = lines.map((line) => {
    lineStarts.push(at(offset + Math.min(cut, line.length)));
    offset += line.length + 1;
    return line.slice(cut);
  });
  // What trim() takes off the front is blanks of the first line (the blank lines went above).
  const joined = kept.join('\n');
  const text = joined.trim();
  const first = lineStarts[0];
  if (first) lineStarts[0] = { line: first.line, column: first.column + (joined.length - joined.trimStart().length) };
  return { text, position: lineStarts[0] ?? at(bodyOffset), lineStarts };
}

/** The front matter's Marp directives: global ones applied to the deck, local ones returned to start the first slide with. */
export function startMarp(globals: Record<string, ReadingValue<unknown>>, meta: DeckMeta, file: string, diagnostics: Diagnostic[]): Directives {
  if (meta.positions.theme) applyGlobal('theme', meta.theme, meta, file, meta.positions.theme, diagnostics);
  const inherited: Directives = {};
  for (const [key, { value, position }] of Object.entries(globals)) {
    if (LOCAL.includes(key)) inherited[key] = value;
    else applyGlobal(key, value, meta, file, position, diagnostics);
  }
  return inherited;
}
