import type { Token } from 'marked';
import { type Diagnostic, warning } from '../diagnostics/diagnostic.js';
import type { AssetRef, Diagram, Position } from '../model/deck.js';
import { contentHash } from '../model/ids.js';
import { type AnyToken, type Cell, readElementComments } from './element-comments.js';
import { findHtmlReferences, isFileLink, isLocalPath, isRemote } from './html-references.js';
import { readImageAttributeBlock } from './image-attributes.js';
import { append } from '../model/append.js';
import { locator } from './split-slides.js';

export { isLocalPath, isRemote } from './html-references.js';

export type { Annotations } from './element-comments.js';

export interface SegmentLocation {
  file: string;
  source: string;
  /** Where the segment's first character stands in the deck file. */
  line: number;
  column: number;
  /**
   * Where each line of `source` starts in the deck file, when its lines are not one stretch of
   * the file (the slide parser takes `:::` lines out of the text around them). Without it, the
   * segment's line i is the file's line `line + i`.
   */
  lineStarts?: readonly Position[];
}

export interface AnnotateResult {
  diagrams: Diagram[];
  assets: AssetRef[];
  diagnostics: Diagnostic[];
  /** `.element` attributes that reveal.js would give the slide's `<section>` (a comment first in the slide). */
  slideAttributes: Record<string, string>;
}

/**
 * Walks one markdown segment's tokens: resolves `.element` comments onto the element before
 * them (as reveal.js's markdown plugin does in the DOM), and collects diagrams and local
 * images with their line and column in the deck file.
 */
export function annotateTokens(tokens: Token[], where: SegmentLocation): AnnotateResult {
  const result: AnnotateResult = { diagrams: [], assets: [], diagnostics: [], slideAttributes: {} };
  const positionAt = positionFinder(where);
  walk(tokens as AnyToken[], where.source, 0, [], (token, offset, parents, siblings, index) => {
    const position = positionAt(offset);
    token.lecternPosition = position;
    if (token.type === 'code' && (token as { lang?: string }).lang?.trim().toLowerCase() === 'mermaid') {
      const source = (token as { text: string }).text;
      const diagram: Diagram = { id: `d${contentHash(source)}`, source, position };
      token.lecternDiagram = diagram.id;
      result.diagrams.push(diagram);
    } else if (token.type === 'image') {
      collectAsset(result, 'image', (token as { href: string }).href, position, where.file);
      append(result.diagnostics, readImageAttributeBlock(token, siblings[index + 1], offset + token.raw.length, positionAt, where.file));
    } else if (token.type === 'link') {
      // Links to the web or to another deck are navigation, not files to ship.
      const href = (token as { href: string }).href;
      if (isFileLink(href)) collectAsset(result, 'link', href, position, where.file);
    } else if (token.type === 'html') {
      const text = (token as { text: string }).text;
      // References first: reading the `.element` comments rewrites the token's text.
      for (const ref of findHtmlReferences(text)) collectAsset(result, ref.kind, ref.url, positionAt(offset + ref.start), where.file);
      readElementComments(token, { parents, siblings, index, position, file: where.file }, result);
    }
  });
  return result;
}

function collectAsset(result: AnnotateResult, kind: AssetRef['kind'], url: string, position: Position, file: string) {
  if (isRemote(url) && kind !== 'link') {
    result.diagnostics.push(
      warning('remote-asset', `\`${url}\` is loaded from the network and will be missing offline`, { file, ...position },
        'download the file next to the deck and refer to it by a relative path'),
    );
    return;
  }
  if (isLocalPath(url)) result.assets.push({ kind, url, position });
}

type Visit = (
  token: AnyToken,
  offset: number,
  parents: readonly (AnyToken | Cell)[],
  siblings: readonly AnyToken[],
  index: number,
) => void;

/** Depth-first over tokens, finding each token's raw text in the source to know its offset. */
export function walk(tokens: readonly AnyToken[], source: string, from: number, parents: (AnyToken | Cell)[], visit: Visit) {
  let cursor = from;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as AnyToken;
    const found = token.raw ? source.indexOf(token.raw, cursor) : -1;
    const offset = found >= 0 ? found : cursor;
    if (found >= 0) cursor = found + token.raw.length;
    visit(token, offset, parents, tokens, index);
    if (token.type === 'table') {
      const inner = [...parents, token];
      for (const cell of [...(token.header ?? []), ...(token.rows ?? []).flat()]) {
        walk(cell.tokens as AnyToken[], source, offset, [...inner, Object.assign(cell, { type: 'tablecell' })], visit);
      }
      continue;
    }
    const children = (token.type === 'list' ? token.items : token.tokens) as AnyToken[] | undefined;
    // Most tokens are leaves: the parent chain is copied only for a token that has children.
    if (children && children.length > 0) walk(children, source, offset, [...parents, token], visit);
  }
}

/** Line and column in the deck file of an offset in the segment (which may start mid-line). */
export function positionFinder(where: SegmentLocation): (offset: number) => Position {
  // Most segments never need a position: the line index is made on the first call.
  let locate: ((offset: number) => Position) | undefined;
  return (offset) => {
    locate ??= locator(where.source, 0);
    const { line: index, column } = locate(offset);
    const start = where.lineStarts?.[index] ?? (index === 0 ? where : { line: where.line + index, column: 1 });
    return { line: start.line, column: start.column + column - 1 };
  };
}
