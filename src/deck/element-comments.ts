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

const WHOLE_COMMENT = /^\s*<!--\s*\.element:?\s*([\s\S]*?)\s*-->\s*$/;
const EMBEDDED_COMMENT = /<!--\s*\.element:?\s*([\s\S]*?)\s*-->/g;
/** Start tags, end tags and comments of raw HTML; linear (no nested quantifiers). */
const TAG = /<!--[\s\S]*?-->|<(\/?)([A-Za-z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
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
  const whole = WHOLE_COMMENT.exec(text);
  if (whole) {
    token.lecternHidden = true;
    const pairs = readPairs(whole[1] ?? '', place, result);
    if (pairs) applyOutside(pairs, place, result);
    return true;
  }
  token.text = text.replace(EMBEDDED_COMMENT, (_comment: string, body: string, offset: number) => {
    const pairs = readPairs(body, place, result);
    if (!pairs) return '';
    const inHtml = elementBefore(text, offset);
    if (inHtml === undefined) applyOutside(pairs, place, result);
    else pendingEdits.push({ at: inHtml, pairs });
    return '';
  });
  applyPendingEdits(token);
  return false;
}

/** Edits of tags in the text being rewritten, applied after the comments are taken out (offsets before them stay valid). */
const pendingEdits: { at: number; pairs: AttributePair[] }[] = [];

function applyPendingEdits(token: AnyToken): void {
  const edits = pendingEdits.splice(0).sort((a, b) => b.at - a.at);
  for (const edit of edits) token.text = setTagAttributes(token.text ?? '', edit.at, edit.pairs);
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

/** Outside raw HTML: a previous sibling token (or a tag in a raw HTML sibling), else a parent, else the slide. */
function applyOutside(pairs: readonly AttributePair[], place: CommentPlace, result: ElementCommentResult): void {
  for (let i = place.index - 1; i >= 0; i--) {
    const sibling = place.siblings[i];
    if (!sibling) continue;
    if (ELEMENT_TYPES.has(sibling.type)) return mergeInto(sibling, pairs);
    if (sibling.type === 'html') {
      const at = lastElementStart(place.siblings, i);
      if (at) {
        at.token.text = setTagAttributes(at.token.text ?? '', at.offset, pairs);
        return;
      }
    }
  }
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
  const own = elementBefore(text, text.length, true);
  if (own !== undefined) return { token, offset: own };
  const closing = /^\s*<\/([A-Za-z][\w-]*)\s*>\s*$/.exec(text)?.[1]?.toLowerCase();
  if (!closing) return undefined;
  let depth = 0;
  for (let i = index - 1; i >= 0; i--) {
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

/**
 * The start offset of the element an `.element` comment at `end` belongs to within raw HTML:
 * the last element that ended at the comment's depth (its previous sibling), else the element
 * still open around it (its parent). `topLevelOnly` asks for a previous sibling at depth 0 only.
 */
function elementBefore(text: string, end: number, topLevelOnly = false): number | undefined {
  const open: { name: string; at: number }[] = [];
  let previous: number | undefined;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(text); match && match.index < end; match = TAG.exec(text)) {
    const name = match[2]?.toLowerCase();
    if (!name) continue;
    if (match[1]) {
      const at = open.map((o) => o.name).lastIndexOf(name);
      if (at < 0) continue;
      previous = open[at]?.at;
      open.length = at;
    } else if (VOID.has(name) || match[3]?.trimEnd().endsWith('/')) {
      if (name !== 'br') previous = match.index;
    } else {
      open.push({ name, at: match.index });
      previous = undefined;
    }
  }
  if (topLevelOnly) return open.length === 0 ? previous : open[0]?.at;
  return previous ?? open[open.length - 1]?.at;
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
