/**
 * Which recorded slides a deck still has. A recording names slides by their index at the time;
 * the deck may have changed since, so a slide counts as the same only when its title still matches.
 */
import type { RehearsalRecording } from '../server/protocol.js';
import type { Deck, Slide } from './deck.js';

/** Titles compare without surrounding space and case: retyping a heading's case is no new slide. */
export function sameTitle(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The deck's slide at a recorded slide's index, when its title still matches. */
export function matchingSlide(deck: Deck | undefined, index: number, title: string): Slide | undefined {
  const slide = deck?.slides[index];
  return slide && slide.index === index && sameTitle(slide.title, title) ? slide : undefined;
}

/**
 * Actual seconds by slide index, for the slides of `deck` the recording still matches (same
 * index, same title): what the instructor guide shows beside the plan.
 */
export function rehearsedSeconds(recording: RehearsalRecording, deck: Deck): Map<number, number> {
  const result = new Map<number, number>();
  for (const recorded of recording.slides) {
    if (matchingSlide(deck, recorded.index, recorded.title)) result.set(recorded.index, recorded.actualSeconds);
  }
  return result;
}
