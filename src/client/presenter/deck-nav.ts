/**
 * Finding slides in the deck summary and mapping keys to commands, free of the DOM.
 */
import type { CountdownAction } from '../countdown.js';
import type { DeckSummary } from '../../server/protocol.js';

export type SummarySlide = DeckSummary['slides'][number];
export type SummaryActivity = SummarySlide['activities'][number];

/** The commands the deck page's embed client understands (`lectern:command`). */
export type NavCommand = 'next' | 'prev' | 'left' | 'right' | 'up' | 'down';

/** A position in the deck, as reveal.js counts it: `f` is the last fragment shown, -1 for none. */
export interface Indices {
  h: number;
  v: number;
  f: number;
}

/** reveal.js's fragment index of a slide just arrived at (no fragment shown yet). */
export const NO_FRAGMENT = -1;

export function slideAt(summary: DeckSummary | undefined, h: number, v: number): SummarySlide | undefined {
  return summary?.slides.find((slide) => slide.h === h && slide.v === v);
}

/** The slide after (h, v) in the deck's order; undefined on the last slide or an unknown one. */
export function slideAfter(summary: DeckSummary | undefined, h: number, v: number): SummarySlide | undefined {
  if (!summary) return undefined;
  const position = summary.slides.findIndex((slide) => slide.h === h && slide.v === v);
  return position < 0 ? undefined : summary.slides[position + 1];
}

/**
 * Where a command leads in the summary alone, slide by slide (fragments are the deck page's
 * business): the fallback while the current-slide preview is not ready.
 */
export function stepInSummary(summary: DeckSummary | undefined, at: Indices, command: NavCommand): Indices | undefined {
  if (!summary || summary.slides.length === 0) return undefined;
  const slides = summary.slides;
  const position = slides.findIndex((slide) => slide.h === at.h && slide.v === at.v);
  let target: SummarySlide | undefined;
  switch (command) {
    case 'next':
      target = position < 0 ? slides[0] : slides[position + 1];
      break;
    case 'prev':
      target = position < 0 ? slides[0] : slides[position - 1];
      break;
    case 'right':
      target = slides.find((slide) => slide.h > at.h);
      break;
    case 'left':
      target = slides.find((slide) => slide.h === at.h - 1 && slide.v === 0) ?? [...slides].reverse().find((slide) => slide.h < at.h);
      break;
    case 'down':
      target = slides.find((slide) => slide.h === at.h && slide.v === at.v + 1);
      break;
    case 'up':
      target = slides.find((slide) => slide.h === at.h && slide.v === at.v - 1);
      break;
  }
  return target ? { h: target.h, v: target.v, f: NO_FRAGMENT } : undefined;
}

/** The activity the presenter's timer drives on a slide: its first one with a time. */
export function timedActivity(slide: SummarySlide | undefined): (SummaryActivity & { seconds: number }) | undefined {
  return slide?.activities.find((activity): activity is SummaryActivity & { seconds: number } => typeof activity.seconds === 'number' && activity.seconds > 0);
}

/** What a key asks of the presenter view (`go`, `open` and `screen` steer the whole session). */
export type KeyIntent =
  | { kind: 'nav'; command: NavCommand }
  | { kind: 'timer'; action: CountdownAction }
  /** Home and End: the first or the last slide of the deck. */
  | { kind: 'go'; to: 'first' | 'last' }
  /** The jump box (type a number or a title) or the overview grid of all slides. */
  | { kind: 'open'; panel: 'jump' | 'overview' }
  /** Black out or pause the audience windows; the same key again shows the slides. */
  | { kind: 'screen'; mode: 'black' | 'paused' };

export interface KeyLike {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** What a key press in the presenter view means; undefined for keys the view leaves alone. */
export function keyIntent(event: KeyLike): KeyIntent | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  const nav = (command: NavCommand): KeyIntent => ({ kind: 'nav', command });
  const timer = (action: CountdownAction): KeyIntent => ({ kind: 'timer', action });
  switch (event.key) {
    case 'ArrowRight':
      return nav('right');
    case 'ArrowLeft':
      return nav('left');
    case 'ArrowDown':
      return nav('down');
    case 'ArrowUp':
      return nav('up');
    case ' ':
    case 'Spacebar':
      return nav(event.shiftKey ? 'prev' : 'next');
    case 'PageDown':
    case 'n':
    case 'N':
      return nav('next');
    case 'PageUp':
    case 'p':
    case 'P':
      return nav('prev');
    case 't':
    case 'T':
      return timer('toggle');
    case 'r':
    case 'R':
      return timer('reset');
    case '+':
    case '=':
      return timer('plus');
    case '-':
    case '−':
      return timer('minus');
    case 'Home':
      return { kind: 'go', to: 'first' };
    case 'End':
      return { kind: 'go', to: 'last' };
    case 'g':
    case 'G':
      return { kind: 'open', panel: 'jump' };
    case 'o':
    case 'O':
      return { kind: 'open', panel: 'overview' };
    case 'b':
    case 'B':
      return { kind: 'screen', mode: 'black' };
    // P already steps back, so pause is H, for "hold".
    case 'h':
    case 'H':
      return { kind: 'screen', mode: 'paused' };
    default:
      return undefined;
  }
}

export function sameIndices(a: Indices | undefined, b: Indices | undefined): boolean {
  return a !== undefined && b !== undefined && a.h === b.h && a.v === b.v && a.f === b.f;
}
