import type { Token } from 'marked';
import { type Diagnostic, error, warning } from '../diagnostics/diagnostic.js';
import type { AssetRef, Diagram, Position } from '../model/deck.js';
import { contentHash } from '../model/ids.js';
import { parseAttributes } from './attributes.js';

/** What lectern adds to marked's tokens; the renderer reads these fields. */
export interface Annotations {
  /** Attributes from a following `<!-- .element: … -->`, for the token's own tag. */
  lecternAttrs?: Record<string, string>;
  /** An `.element` comment, consumed: rendered as nothing. */
  lecternHidden?: boolean;
  /** A mermaid fence: the id of its Diagram. */
  lecternDiagram?: string;
}

type AnyToken = Token & Annotations & { tokens?: Token[]; items?: Token[]; header?: Cell[]; rows?: Cell[][] };
type Cell = { tokens: Token[] } & Annotations;

/** Tokens that become an element of their own, so an `.element` comment can land on them. */
const ELEMENT_TYPES = new Set([
  'paragraph', 'heading', 'list', 'list_item', 'blockquote', 'code', 'table', 'tablecell', 'hr',
  'strong', 'em', 'codespan', 'del', 'link', 'image',
]);

const ELEMENT_COMMENT = /^\s*<!--\s*\.element:?\s*([\s\S]*?)\s*-->\s*$/;

export interface SegmentLocation {
  file: string;
  source: string;
  /** Where the segment's first character stands in the deck file. */
  line: number;
  column: number;
}

export interface AnnotateResult {
  diagrams: Diagram[];
  assets: AssetRef[];
  diagnostics: Diagnostic[];
}

/**
 * Walks one markdown segment's tokens: resolves `.element` comments onto the element before
 * them (as reveal.js's markdown plugin does in the DOM), and collects diagrams and local
 * images with their line and column in the deck file.
 */
export function annotateTokens(tokens: Token[], where: SegmentLocation): AnnotateResult {
  const result: AnnotateResult = { diagrams: [], assets: [], diagnostics: [] };
  const positionAt = positionFinder(where);
  walk(tokens as AnyToken[], where.source, 0, [], (token, offset, parents, siblings, index) => {
    const position = positionAt(offset);
    if (token.type === 'code' && (token as { lang?: string }).lang?.trim().toLowerCase() === 'mermaid') {
      const source = (token as { text: string }).text;
      const diagram: Diagram = { id: `d${contentHash(source)}`, source, position };
      token.lecternDiagram = diagram.id;
      result.diagrams.push(diagram);
    } else if (token.type === 'image') {
      collectAsset(result, 'image', (token as { href: string }).href, position, where.file);
    } else if (token.type === 'html') {
      const text = (token as { text: string }).text;
      const comment = ELEMENT_COMMENT.exec(text);
      if (comment) applyElementComment(comment[1] ?? '', token, parents, siblings, index, position, where.file, result);
      else for (const src of imageSources(text)) collectAsset(result, 'image', src, position, where.file);
    }
  });
  return result;
}

function applyElementComment(
  attributeText: string,
  comment: AnyToken,
  parents: readonly (AnyToken | Cell)[],
  siblings: readonly AnyToken[],
  index: number,
  position: Position,
  file: string,
  result: AnnotateResult,
): void {
  comment.lecternHidden = true;
  const parsed = parseAttributes(attributeText);
  if (parsed.errorOffset !== undefined) {
    result.diagnostics.push(
      error('bad-element-attributes', 'cannot read the attributes of this `.element` comment', { file, ...position },
        'write them as in HTML: <!-- .element: class="fragment" data-fragment-index="1" -->'),
    );
    return;
  }
  const target = findTarget(parents, siblings, index);
  if (!target) {
    result.diagnostics.push(
      warning('element-without-target', 'this `.element` comment follows no element; it is ignored', { file, ...position },
        'put it right after the element it styles, e.g. at the end of a bullet line'),
    );
    return;
  }
  const attrs = { ...(target.lecternAttrs ?? {}) };
  for (const { name, value } of parsed.pairs) {
    attrs[name] = name === 'class' && attrs.class ? `${attrs.class} ${value}` : value;
  }
  target.lecternAttrs = attrs;
}

function findTarget(parents: readonly (AnyToken | Cell)[], siblings: readonly AnyToken[], index: number) {
  for (let i = index - 1; i >= 0; i--) {
    const sibling = siblings[i];
    if (sibling && ELEMENT_TYPES.has(sibling.type)) return sibling;
  }
  for (let i = parents.length - 1; i >= 0; i--) {
    const parent = parents[i];
    if (parent && ('type' in parent ? ELEMENT_TYPES.has(parent.type as string) : true)) return parent;
  }
  return undefined;
}

function collectAsset(result: AnnotateResult, kind: AssetRef['kind'], url: string, position: Position, file: string) {
  if (isRemote(url)) {
    result.diagnostics.push(
      warning('remote-asset', `\`${url}\` is loaded from the network and will be missing offline`, { file, ...position },
        'download the file next to the deck and refer to it by a relative path'),
    );
    return;
  }
  if (isLocalPath(url)) result.assets.push({ kind, url, position });
}

/** A URL that needs the network (http, https, protocol-relative). */
export function isRemote(url: string): boolean {
  return /^(https?:)?\/\//i.test(url.trim());
}

/** A relative or absolute file path (not a data: URL, an anchor or another scheme). */
export function isLocalPath(url: string): boolean {
  const value = url.trim();
  return value !== '' && !value.startsWith('#') && !/^[a-z][a-z0-9+.-]*:/i.test(value) && !isRemote(value);
}

function imageSources(html: string): string[] {
  return [...html.matchAll(/<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? '',
  );
}

type Visit = (
  token: AnyToken,
  offset: number,
  parents: readonly (AnyToken | Cell)[],
  siblings: readonly AnyToken[],
  index: number,
) => void;

/** Depth-first over tokens, finding each token's raw text in the source to know its offset. */
function walk(tokens: readonly AnyToken[], source: string, from: number, parents: (AnyToken | Cell)[], visit: Visit) {
  let cursor = from;
  tokens.forEach((token, index) => {
    const found = token.raw ? source.indexOf(token.raw, cursor) : -1;
    const offset = found >= 0 ? found : cursor;
    if (found >= 0) cursor = found + token.raw.length;
    visit(token, offset, parents, tokens, index);
    const inner = [...parents, token];
    if (token.type === 'table') {
      for (const cell of [...(token.header ?? []), ...(token.rows ?? []).flat()]) {
        walk(cell.tokens as AnyToken[], source, offset, [...inner, Object.assign(cell, { type: 'tablecell' })], visit);
      }
      return;
    }
    const children = (token.type === 'list' ? token.items : token.tokens) as AnyToken[] | undefined;
    if (children) walk(children, source, offset, inner, visit);
  });
}

function positionFinder(where: SegmentLocation): (offset: number) => Position {
  const starts = [0];
  for (let i = 0; i < where.source.length; i++) if (where.source[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    const column = offset - (starts[low] ?? 0) + 1;
    return { line: where.line + low, column: low === 0 ? where.column + column - 1 : column };
  };
}
