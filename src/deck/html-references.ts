import type { AssetKind } from '../model/deck.js';
import { append } from '../model/append.js';

/** A URL that an attribute names, and where it stands in the text it was read from. */
export interface HtmlReference {
  kind: AssetKind;
  /** The URL as the browser reads it: character references (`&amp;`) decoded. */
  url: string;
  /** Where the URL is written in the text, [start, end): a rewrite replaces exactly this. */
  start: number;
  end: number;
}

/** One attribute of a start tag; the value as written and where it stands in the text. */
export interface TagAttribute {
  name: string;
  value: string;
  valueStart: number;
}

export interface StartTag {
  /** Lower case, as the HTML parser sees it. */
  name: string;
  attributes: TagAttribute[];
  /** Just after the tag's `>`; the text's end when the tag never ends. */
  end: number;
  /**
   * False when the text ends inside the tag (no `>`, or a quote that never closes): the
   * browser would read on into whatever follows, so nothing after it is a tag of its own.
   */
  closed: boolean;
}

/**
 * Elements whose content the HTML parser reads as plain text up to their end tag: left open,
 * they swallow the rest of the page. An iframe's content is a fallback that is never loaded.
 */
export const RAW_TEXT_ELEMENTS: ReadonlySet<string> = new Set([
  'script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript',
]);

/** Which attributes of which tags load a file, and what that file is. */
const TAG_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, AssetKind>>>> = {
  img: { src: 'image', 'data-src': 'image', srcset: 'image' },
  video: { src: 'media', 'data-src': 'media', poster: 'image' },
  audio: { src: 'media', 'data-src': 'media' },
  source: { src: 'media', 'data-src': 'media', srcset: 'image' },
  track: { src: 'media' },
  iframe: { src: 'frame', 'data-src': 'frame' },
  embed: { src: 'frame' },
  object: { data: 'frame' },
  a: { href: 'link' },
};

/** A URL that needs the network (http, https, protocol-relative). */
export function isRemote(url: string): boolean {
  return /^(https?:)?\/\//i.test(url.trim());
}

/** A relative or absolute file path (not a data: URL, an anchor or another scheme). */
export function isLocalPath(url: string): boolean {
  const value = url.trim();
  return value !== '' && !value.startsWith('#') && !/^[a-z][a-z0-9+.-]*:/i.test(value) && !isRemote(value);
}

/**
 * A link to a file the deck must ship (`[handout](files/sheet.pdf)`). A link to another deck
 * (`.md`), to a folder, or to an anchor of the page is navigation: left as written, unchecked.
 */
export function isFileLink(url: string): boolean {
  if (!isLocalPath(url)) return false;
  const { path } = splitUrlSuffix(url.trim());
  return path !== '' && !path.endsWith('/') && !/\.(md|markdown)$/i.test(path);
}

/** `video.mp4#t=10` → path `video.mp4`, suffix `#t=10`: the suffix travels to the copy's URL. */
export function splitUrlSuffix(url: string): { path: string; suffix: string } {
  const cut = url.search(/[?#]/);
  return cut < 0 ? { path: url, suffix: '' } : { path: url.slice(0, cut), suffix: url.slice(cut) };
}

/**
 * Every URL of a file that the start tags of `html` name: `<img src|srcset|data-src>`,
 * `<video src|poster>`, `<audio>`, `<source>`, `<track>`, `<iframe>`, `<embed>`, `<object data>`,
 * `<a href>` to a file, and reveal.js's `data-background-*` attributes on any tag. Comments and
 * the text of raw text elements are skipped, as the browser skips them. Remote URLs are
 * included (the caller warns about them); links only when they name a local file.
 */
export function findHtmlReferences(html: string): HtmlReference[] {
  const found: HtmlReference[] = [];
  forEachStartTag(html, (tag, _at, contentEnd) => {
    for (const attribute of tag.attributes) {
      for (const ref of attributeReferences(tag.name, attribute.name, attribute.value)) {
        found.push({ ...ref, start: ref.start + attribute.valueStart, end: ref.end + attribute.valueStart });
      }
    }
    // A stylesheet in the slide names files with url(), relative to the page, as Marp decks do.
    if (tag.name === 'style') append(found, cssReferences(html.slice(tag.end, contentEnd), tag.end));
  });
  return found;
}

/**
 * Calls `visit` with each start tag of `html` as the browser reads them: comments and the text of
 * raw text elements are skipped (`contentEnd` is where a raw text element's text ends), and a tag
 * left unclosed ends the scan, since the browser reads everything after it as that tag.
 */
export function forEachStartTag(html: string, visit: (tag: StartTag, at: number, contentEnd: number) => void): void {
  let at = html.indexOf('<');
  while (at >= 0) {
    let next = at + 1;
    if (html.startsWith('<!--', at)) next = findCommentEnd(html, at + 4) ?? html.length;
    else {
      const tag = readStartTag(html, at);
      if (tag && !tag.closed) break;
      if (tag) {
        next = RAW_TEXT_ELEMENTS.has(tag.name) ? (findRawTextEnd(html, tag.name, tag.end) ?? html.length) : tag.end;
        visit(tag, at, next);
      }
    }
    at = html.indexOf('<', next);
  }
}

const CSS_URL = /url\(\s*(["']?)([^"')\s]+)\1\s*\)/gi;

/** Local files named by `url(…)` in CSS (a `<style>` element or a `style` attribute), as offsets from `base`. */
export function cssReferences(css: string, base = 0): HtmlReference[] {
  const found: HtmlReference[] = [];
  for (const match of css.matchAll(CSS_URL)) {
    const url = match[2] ?? '';
    if (/^\s*data:/i.test(url) || url.startsWith('#')) continue;
    const start = base + match.index + match[0].indexOf(url, 4);
    found.push({ kind: 'image', url, start, end: start + url.length });
  }
  return found;
}

/**
 * The file URLs in one attribute value, with offsets within the value. Used for tags in raw
 * HTML and for the `<section>` attributes of `<!-- .slide: … -->` alike.
 */
export function attributeReferences(tag: string, name: string, value: string): HtmlReference[] {
  const attribute = name.toLowerCase();
  switch (attribute) {
    // reveal.js splits both at commas (several images, or one video in several formats).
    case 'data-background-image':
      return /^\s*data:/i.test(value) ? [] : listReferences('background', value);
    case 'data-background-video':
      return listReferences('background', value);
    case 'data-background-iframe':
      return listReferences('background', value, false);
    case 'data-background':
      return isImageBackground(value) ? listReferences('background', value, false) : [];
    case 'style':
      return cssReferences(value);
  }
  const kind = TAG_ATTRIBUTES[tag.toLowerCase()]?.[attribute];
  if (kind === undefined) return [];
  if (attribute === 'srcset') return srcsetReferences(value);
  const refs = listReferences(kind, value, false);
  return kind === 'link' ? refs.filter((ref) => isFileLink(ref.url)) : refs;
}

/** reveal.js's own test: `data-background` names an image when it has an image extension or a scheme. */
function isImageBackground(value: string): boolean {
  return /^(http|file|\/\/)/i.test(value) || /\.(svg|png|jpg|jpeg|gif|bmp|webp)([?#\s]|$)/i.test(value);
}

/** The URLs of a value, each trimmed; split at commas when `list`. */
function listReferences(kind: AssetKind, value: string, list = true): HtmlReference[] {
  const parts = list ? value.split(',') : [value];
  const refs: HtmlReference[] = [];
  let offset = 0;
  for (const part of parts) {
    const lead = part.length - part.trimStart().length;
    const written = part.trim();
    if (written !== '') refs.push({ kind, url: decodeCharacterReferences(written), start: offset + lead, end: offset + lead + written.length });
    offset += part.length + 1;
  }
  return refs;
}

/**
 * `a.png 1x, b.png 2x`: the first word of each candidate. A URL may itself hold a comma
 * (data: URLs, `(` in CSS-like values); such a srcset is not simple, so it is left alone.
 */
function srcsetReferences(value: string): HtmlReference[] {
  if (/data:|\(/i.test(value)) return [];
  const refs: HtmlReference[] = [];
  let offset = 0;
  for (const candidate of value.split(',')) {
    const word = /\S+/.exec(candidate);
    if (word) refs.push({ kind: 'image', url: decodeCharacterReferences(word[0]), start: offset + word.index, end: offset + word.index + word[0].length });
    offset += candidate.length + 1;
  }
  return refs;
}

/** Replaces each reference whose `replacement` is defined, keeping everything else byte for byte. */
export function replaceReferences(text: string, refs: readonly HtmlReference[], replacement: (url: string) => string | undefined): string {
  let out = '';
  let last = 0;
  for (const ref of [...refs].sort((a, b) => a.start - b.start)) {
    const to = replacement(ref.url);
    if (to === undefined || ref.start < last) continue;
    out += text.slice(last, ref.start) + to;
    last = ref.end;
  }
  return out + text.slice(last);
}

const TAG_NAME = /<([A-Za-z][A-Za-z0-9-]*)/y;
const ATTRIBUTE_NAME = /[^\s"'>/=]+/y;
const UNQUOTED_VALUE = /[^\s>]*/y;
const SPACE = /\s*/y;

/**
 * Reads the start tag at `at` as the HTML tokenizer does (quoted values may hold `>`);
 * undefined when there is none. Linear: a scan never goes past the tag's end.
 */
export function readStartTag(text: string, at: number): StartTag | undefined {
  TAG_NAME.lastIndex = at;
  const open = TAG_NAME.exec(text);
  if (!open) return undefined;
  const name = (open[1] ?? '').toLowerCase();
  const attributes: TagAttribute[] = [];
  const unclosed = () => ({ name, attributes, end: text.length, closed: false });
  let i = TAG_NAME.lastIndex;
  while (i < text.length) {
    i = skipSpace(text, i);
    const c = text[i];
    if (c === '>') return { name, attributes, end: i + 1, closed: true };
    ATTRIBUTE_NAME.lastIndex = i;
    const attribute = c === '/' ? null : ATTRIBUTE_NAME.exec(text)?.[0].toLowerCase();
    if (!attribute) {
      // A `/`, or a stray quote or `=` where a name belongs: the tokenizer steps over it.
      i++;
      continue;
    }
    i = skipSpace(text, ATTRIBUTE_NAME.lastIndex);
    if (text[i] !== '=') {
      attributes.push({ name: attribute, value: '', valueStart: i });
      continue;
    }
    i = skipSpace(text, i + 1);
    const quote = text[i];
    if (quote === '"' || quote === "'") {
      const close = text.indexOf(quote, i + 1);
      if (close < 0) return unclosed();
      attributes.push({ name: attribute, value: text.slice(i + 1, close), valueStart: i + 1 });
      i = close + 1;
    } else {
      UNQUOTED_VALUE.lastIndex = i;
      UNQUOTED_VALUE.exec(text);
      attributes.push({ name: attribute, value: text.slice(i, UNQUOTED_VALUE.lastIndex), valueStart: i });
      i = UNQUOTED_VALUE.lastIndex;
    }
  }
  return unclosed();
}

function skipSpace(text: string, from: number): number {
  SPACE.lastIndex = from;
  SPACE.exec(text);
  return SPACE.lastIndex;
}

/**
 * Just after the `-->` (or `--!>`) that ends a comment whose text starts at `from` (after
 * `<!--`); `<!-->` and `<!--->` end at once. Undefined when the comment never ends.
 */
export function findCommentEnd(text: string, from: number): number | undefined {
  if (text.startsWith('>', from)) return from + 1;
  if (text.startsWith('->', from)) return from + 2;
  const close = /--!?>/g;
  close.lastIndex = from;
  const match = close.exec(text);
  return match ? close.lastIndex : undefined;
}

/** Just after the end tag of raw text element `name` whose text starts at `from`; undefined when there is none. */
export function findRawTextEnd(text: string, name: string, from: number): number | undefined {
  const close = new RegExp(`</${name}(?=[\\s/>])[^>]*>?`, 'gi');
  close.lastIndex = from;
  const match = close.exec(text);
  return match ? close.lastIndex : undefined;
}

const NAMED_REFERENCES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** `a&amp;b` → `a&b`: the URL the browser requests from an attribute. */
function decodeCharacterReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/gi, (whole, ref: string) => {
    if (!ref.startsWith('#')) return NAMED_REFERENCES[ref.toLowerCase()] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
