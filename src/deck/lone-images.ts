import type { Token } from 'marked';
import type { Slide } from '../model/deck.js';
import type { Annotations } from './element-comments.js';

type Marked = Token & Annotations;

/**
 * Marks the paragraph of a slide's lone image so the renderer lets it take the height the slide
 * leaves: reveal.js sizes an `r-stretch` element only as a direct child of the slide, and marked
 * wraps every image in a `<p>`. A lone image is one alone in a paragraph of the slide itself (not
 * in a list, quote or activity), shown, and given no size of its own. `r-stretch` written on it
 * (or on its paragraph) fills the space, as in reveal.js; otherwise the slide's one lone image is
 * fitted (shrunk, never enlarged), unless it has the class `nostretch` (Quarto's word). Two lone
 * images on one slide are left as they are: reveal.js sizes one stretched element per slide.
 */
export function markLoneImages(slide: Slide): void {
  const candidates: { paragraph: Marked; image: Marked }[] = [];
  for (const block of slide.blocks) {
    if (block.kind !== 'markdown') continue;
    for (const token of block.tokens as Marked[]) {
      const image = loneImage(token);
      if (image) candidates.push({ paragraph: token, image });
    }
  }
  const automatic = candidates.filter(({ paragraph, image }) => !hasClass(paragraph, 'r-stretch') && !hasClass(image, 'r-stretch'));
  for (const { paragraph, image } of candidates) {
    if (hasClass(paragraph, 'r-stretch') || hasClass(image, 'r-stretch')) paragraph.lecternFit = 'fill';
    else if (automatic.length === 1 && candidates.length === 1 && !hasClass(image, 'nostretch') && !hasClass(paragraph, 'nostretch') && !sized(image)) {
      paragraph.lecternFit = 'fit';
    }
  }
}

/** The image of a paragraph that holds nothing else (blanks and consumed `.element` comments aside). */
function loneImage(token: Marked): Marked | undefined {
  if (token.type !== 'paragraph' || token.lecternHidden) return undefined;
  const children = ((token as { tokens?: Token[] }).tokens ?? []) as Marked[];
  const shown = children.filter((child) => !(child.type === 'text' && child.raw.trim() === '') && !(child.type === 'html' && child.lecternHidden) && child.type !== 'br');
  const only = shown.length === 1 ? shown[0] : undefined;
  return only?.type === 'image' && !only.lecternHidden ? only : undefined;
}

function hasClass(token: Marked, name: string): boolean {
  return (token.lecternAttrs?.class ?? '').split(/\s+/).includes(name);
}

/** A size the author gave: `width`/`height` attributes, or a width or height in its style. */
function sized(image: Marked): boolean {
  const attrs = image.lecternAttrs ?? {};
  return attrs.width !== undefined || attrs.height !== undefined || /(^|;)\s*(max-|min-)?(width|height)\s*:/.test(attrs.style ?? '');
}
