/**
 * The jump box's search, free of the DOM: a number finds that slide (counted from 1, as the
 * presenter view shows them), text finds slides whose title contains it.
 */
import type { SummarySlide } from './deck-nav.js';

/** The slide's number as the presenter view shows it ("5 / 20"). */
export function slideNumber(slide: SummarySlide): number {
  return slide.index + 1;
}

/**
 * Slides matching what was typed, best first: for a number, the slide with that number, then
 * the titles containing its digits; for text, the titles containing it (case, accents and runs
 * of spaces ignored), in deck order. Nothing typed lists every slide, to browse with the arrows.
 */
export function searchSlides(slides: readonly SummarySlide[], query: string): SummarySlide[] {
  const wanted = normalize(query);
  if (wanted === '') return [...slides];
  const byTitle = slides.filter((slide) => normalize(slide.title).includes(wanted));
  const digits = /^#?(\d+)$/.exec(wanted)?.[1];
  const numbered = digits === undefined ? undefined : slides.find((slide) => slideNumber(slide) === Number(digits));
  return numbered ? [numbered, ...byTitle.filter((slide) => slide !== numbered)] : byTitle;
}

function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
