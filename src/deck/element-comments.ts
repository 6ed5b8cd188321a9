import type { Token } from 'marked';
import { type Diagnostic, error, warning } from '../diagnostics/diagnostic.js';
import type { Position } from '../model/deck.js';
import { type AttributePair, parseAttributes } from './attributes.js';

/** What lectern adds to marked's tokens; the renderer reads these fields. */
export interface Annotations {
  /** Attributes from a following `<!-- .element: … -->`, for the token's own tag. */
  lecternAttrs?: Record<string, string>;
  /** An `.element` comment, consumed: rendered as nothing. */
  lecternHidden?: boolean;
  /** A mermaid fence: the id of its Diagram. */
  lecternDiagram?: string;
  /** Where the token starts in the deck file: the layout check reports an overflow at the element's line. */
  lecternPosition?: Position;
  /**
   * A paragraph that is one image alone, directly in the slide: `fit` shrinks the image into the
   * height the slide leaves (never past its own size), `fill` is reveal.js's `r-stretch` (also enlarges).
   */
  lecternFit?: 'fit' | 'fill';
}

export type AnyToken = Token & Annotations & { tokens?: Token[]; items?: Token[]; header?: Cell[]; rows?: Cell[][]; text?: string };
export type Cell = { tokens: Token[] } & Annotations;

/** Where the element comments of one token land, besides the tokens themselves. */
export interface ElementCommentResult {
  diagnostics: Diagnostic[];
  /** A comment with no element before it and no parent, first in its slide: reveal.js gives it to the slide's `<section>`. */
  slideAttributes: Record<string, string>;
}

/** Tokens that become an element of their own, so an `.element` comment can land on them. */
const ELEMENT_TYPES = new Set([
  'paragraph', 'heading', 'list', 'list_item', 'blockquote', 'code', 'table', 'tablecell', 'hr',
  'strong', 'em', 'codespan', 'del', 'link', 'image',
]);

/** Start tags, end tags and comments of raw HTML; linear (no nested quantifiers). */
/** A start or end tag at a given offset (sticky): comments are found with indexOf, never by backtracking. */
const TAG = /<(\/?)([A-Za-z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/y;

type HtmlItem = { kind: 'comment'; start: number; end: number } | { kind: 'tag'; match: RegExpExecArray };

/** The comments and tags of raw HTML in order, up to `until`; an unclosed comment hides the rest, as in a browser. */
function* htmlItems(text: string, until = text.length): Generator<HtmlItem> {
  const lastClose = text.lastIndexOf('-->');
  for (let at = text.indexOf('<'); at >= 0 && at < until;) {
    if (text.startsWith('<!--', at)) {
      const close = at + 4 <= lastClose ? text.indexOf('-->', at + 4) : -1;
      if (close < 0) return;
      yield { kind: 'comment', start: at, end: close + 3 };
      at = text.indexOf('<', close + 3);
      continue;
    }
    TAG.lastIndex = at;
    const match = TAG.exec(text);
    if (match) yield { kind: 'tag', match };
    at = text.indexOf('<', match ? at + match[0].length : at + 1);
  }
}

/** The attribute text of a token that is nothing but an `.element` comment; undefined otherwise. Linear, unlike a regular expression with two lazy runs. */
function wholeElementComment(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('<!--') || !trimmed.endsWith('-->') || trimmed.indexOf('-->') !== trimmed.length - 3) return undefined;
  const inner = trimmed.slice(4, -3).trim();
  return /^\.element\b:?/.test(inner) ? inner.replace(/^\.element:?/, '').trim() : undefined;
}
/** How far back a lone end tag looks for its start tag among its siblings: keeps a run of thousands of tags linear. */
export const MAX_LOOKBACK = 256;
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

export interface CommentPlace {
  parents: readonly (AnyToken | Cell)[];
  siblings: readonly AnyToken[];
  index: number;
  position: Position;
  file: string;
}

/**
 * Applies the `.element` comments of an html token the way reveal.js's markdown plugin does in
 * the DOM: to the previous element sibling (a Markdown element or a raw HTML tag, never `<br>`),
 * else to the parent element, else, first in the slide, to the slide itself. A comment inside a
 * block of raw HTML looks for its element in that HTML first. Returns true when the token was
 * nothing but such a comment.
 */
export function readElementComments(token: AnyToken, place: CommentPlace, result: ElementCommentResult): boolean {
  const text = token.text ?? '';
  if (!text.includes('.element')) return false;
  const whole = wholeElementComment(text);
  if (whole !== undefined) {
    token.lecternHidden = true;
    const pairs = readPairs(whole, place, result);
    if (pairs) applyOutside(pairs, place, result);
    return true;
  }
  token.text = rewriteEmbedded(text, place, result);
  return false;
}

/**
 * One pass over a block of raw HTML: each `.element` comment is taken out and its attributes set
 * on the element it belongs to there (or, with none, handed to the Markdown around the block).
 * Tag edits and comment removals are collected as non-overlapping ranges and applied together.
 */
function rewriteEmbedded(text: string, place: CommentPlace, result: ElementCommentResult): string {
  const edits: { start: number; end: number; text: string }[] = [];
  const tagEdits = new Map<number, AttributePair[]>();
  const scan = new TagScanner();
  for (const item of htmlItems(text)) {
    if (item.kind === 'tag') {
      scan.tag(item.match);
      continue;
    }
    const body = wholeElementComment(text.slice(item.start, item.end));
    if (body === undefined) continue;
    edits.push({ start: item.start, end: item.end, text: '' });
    const pairs = readPairs(body, place, result);
    if (!pairs) continue;
    const at = scan.target();
    if (at === undefined) applyOutside(pairs, place, result);
    else tagEdits.set(at, [...(tagEdits.get(at) ?? []), ...pairs]);
  }
  for (const [at, pairs] of tagEdits) {
    TAG.lastIndex = at;
    const tag = TAG.exec(text);
    if (tag) edits.push({ start: at, end: at + tag[0].length, text: setTagAttributes(tag[0], 0, pairs) });
  }
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let from = 0;
  for (const edit of edits) {
    out += text.slice(from, edit.start) + edit.text;
    from = edit.end;
  }
  return out + text.slice(from);
}

/** Follows the nesting of raw HTML tag by tag: what an `.element` comment at the current point belongs to. */
class TagScanner {
  private readonly open: { name: string; at: number }[] = [];
  private previous: number | undefined;

  tag(match: RegExpExecArray): void {
    const name = match[2]?.toLowerCase() ?? '';
    if (match[1]) {
      // Usually the innermost element closes: look down from the top.
      for (let i = this.open.length - 1; i >= 0; i--) {
        if (this.open[i]?.name !== name) continue;
        this.previous = this.open[i]?.at;
        this.open.length = i;
        return;
      }
    } else if (VOID.has(name) || match[3]?.trimEnd().endsWith('/')) {
      if (name !== 'br') this.previous = match.index;
    } else {
      this.open.push({ name, at: match.index });
      this.previous = undefined;
    }
  }

  /** The previous sibling element, else the parent element; undefined outside every element. */
  target(): number | undefined {
    return this.previous ?? this.open[this.open.length - 1]?.at;
  }

  /** A previous sibling at the top level only, else the first element still open. */
  topLevel(): number | undefined {
    return this.open.length === 0 ? this.previous : this.open[0]?.at;
  }
}

function readPairs(body: string, place: CommentPlace, result: ElementCommentResult): AttributePair[] | undefined {
  const parsed = parseAttributes(body);
  if (parsed.errorOffset === undefined) return parsed.pairs;
  result.diagnostics.push(
    error('bad-element-attributes', 'cannot read the attributes of this `.element` comment', { file: place.file, ...place.position },
      'write them as in HTML: <!-- .element: class="fragment" data-fragment-index="1" -->'),
  );
  return undefined;
}

/** The element an `.element` comment after a sibling lands on: a Markdown token, or a start tag in raw HTML. */
type SiblingElement = { token: AnyToken; offset?: number } | undefined;

/**
 * The last search back through each list of siblings: from which index it looked, and what it
 * found. The comments of a list come in order, so the next search stops where the last began:
 * 5,000 comments in a row cost 5,000 steps, not 5,000 × 5,000.
 */
const lastSearch = new WeakMap<readonly AnyToken[], { from: number; found: SiblingElement }>();

/** The element sibling at or before `from` (in the DOM, comments and text are not elements). */
function previousElement(siblings: readonly AnyToken[], from: number): SiblingElement {
  const last = lastSearch.get(siblings);
  let found: SiblingElement;
  let i = from;
  for (; i >= 0 && !(last && i === last.from); i--) {
    const sibling = siblings[i];
    if (!sibling) continue;
    if (ELEMENT_TYPES.has(sibling.type)) {
      found = { token: sibling };
      break;
    }
    const at = sibling.type === 'html' ? lastElementStart(siblings, i) : undefined;
    if (at) {
      found = at;
      break;
    }
  }
  if (!found && last && i === last.from) found = last.found;
  lastSearch.set(siblings, { from, found });
  return found;
}

/** Outside raw HTML: a previous sibling token (or a tag in a raw HTML sibling), else a parent, else the slide. */
function applyOutside(pairs: readonly AttributePair[], place: CommentPlace, result: ElementCommentResult): void {
  const sibling = previousElement(place.siblings, place.index - 1);
  if (sibling?.offset !== undefined) {
    sibling.token.text = setTagAttributes(sibling.token.text ?? '', sibling.offset, pairs);
    return;
  }
  if (sibling) return mergeInto(sibling.token, pairs);
  for (let i = place.parents.length - 1; i >= 0; i--) {
    const parent = place.parents[i];
    if (parent && (!('type' in parent) || ELEMENT_TYPES.has(parent.type as string))) return mergeInto(parent, pairs);
  }
  if (place.parents.length === 0) {
    for (const { name, value } of pairs) {
      result.slideAttributes[name] = name === 'class' && result.slideAttributes.class ? `${result.slideAttributes.class} ${value}` : value;
    }
    return;
  }
  result.diagnostics.push(
    warning('element-without-target', 'this `.element` comment follows no element; it is ignored', { file: place.file, ...place.position },
      'put it right after the element it styles, e.g. at the end of a bullet line'),
  );
}

function mergeInto(target: Annotations, pairs: readonly AttributePair[]): void {
  const attrs = { ...(target.lecternAttrs ?? {}) };
  for (const { name, value } of pairs) attrs[name] = name === 'class' && attrs.class ? `${attrs.class} ${value}` : value;
  target.lecternAttrs = attrs;
}

/**
 * The element a raw HTML sibling ends with: its last top-level start tag (`<img …>`, `<span>…</span>`),
 * or, for a lone end tag (`</span>`), the matching start tag in an earlier sibling.
 */
function lastElementStart(siblings: readonly AnyToken[], index: number): { token: AnyToken; offset: number } | undefined {
  const token = siblings[index] as AnyToken;
  const text = token.text ?? '';
  const own = lastTopLevelElement(text);
  if (own !== undefined) return { token, offset: own };
  const closing = /^\s*<\/([A-Za-z][\w-]*)\s*>\s*$/.exec(text)?.[1]?.toLowerCase();
  if (!closing) return undefined;
  let depth = 0;
  for (let i = index - 1; i >= Math.max(0, index - MAX_LOOKBACK); i--) {
    const sibling = siblings[i];
    if (sibling?.type !== 'html') continue;
    const tag = /^\s*<(\/?)([A-Za-z][\w-]*)/.exec(sibling.text ?? '');
    if (tag?.[2]?.toLowerCase() !== closing) continue;
    if (tag[1]) depth++;
    else if (depth === 0) return { token: sibling, offset: (sibling.text ?? '').indexOf('<') };
    else depth--;
  }
  return undefined;
}

/** The element that raw HTML ends with, at the top level (see lastElementStart). */
function lastTopLevelElement(text: string): number | undefined {
  const scan = new TagScanner();
  for (const item of htmlItems(text)) if (item.kind === 'tag') scan.tag(item.match);
  return scan.topLevel();
}

/** Sets attributes on the start tag at `at` as the DOM's setAttribute does (a value given replaces the old one). */
function setTagAttributes(html: string, at: number, pairs: readonly AttributePair[]): string {
  TAG.lastIndex = at;
  const match = TAG.exec(html);
  if (!match || match.index !== at || !match[2]) return html;
  let attributes = match[3] ?? '';
  const selfClosing = /\/\s*$/.test(attributes);
  if (selfClosing) attributes = attributes.replace(/\/\s*$/, '');
  for (const { name, value } of pairs) {
    const escaped = value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    const existing = new RegExp(`(\\s)${name.replace(/[.:]/g, '\\$&')}(?:\\s*=\\s*(?:"[^"]*"|'[^']*'|[^\\s"'>]+))?(?=\\s|$)`, 'i');
    attributes = existing.test(attributes) ? attributes.replace(existing, `$1${name}="${escaped}"`) : `${attributes.trimEnd()} ${name}="${escaped}"`;
  }
  const tag = `<${match[2]}${attributes}${selfClosing ? ' /' : ''}>`;
  return html.slice(0, at) + tag + html.slice(at + match[0].length);
}
