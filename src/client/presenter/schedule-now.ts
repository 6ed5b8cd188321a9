/**
 * Which slide the plan has on screen now, free of the DOM: the presenter view shows it beside
 * the pacing ("Schedule: slide 7 “Hands-on” now (you are on 5, 3 min ahead)").
 */
import type { SummarySlide } from './deck-nav.js';
import { type PaceState, pacing } from './pacing.js';
import { slideNumber } from './slide-search.js';

export interface ScheduleNow {
  /** The slide the plan has on screen at the elapsed time (the last one once the plan is over). */
  slide: SummarySlide;
  /** True once the elapsed time has passed the end of the last slide's planned time. */
  over: boolean;
  /** The presenter's pace on the current slide: `on-time` on the scheduled slide, `behind` once the plan is over. */
  state: PaceState;
  text: string;
}

/** The slide whose planned window holds `elapsedSeconds`; slides planned for 0 s never do. */
export function scheduledSlide(slides: readonly SummarySlide[], elapsedSeconds: number): { slide: SummarySlide; over: boolean } | undefined {
  const first = slides[0];
  const last = slides.at(-1);
  if (!first || !last) return undefined;
  const inWindow = slides.find((slide) => elapsedSeconds >= slide.startSeconds && elapsedSeconds < slide.startSeconds + slide.plannedSeconds);
  if (inWindow) return { slide: inWindow, over: false };
  const end = Math.max(...slides.map((slide) => slide.startSeconds + slide.plannedSeconds));
  if (elapsedSeconds >= end) return { slide: last, over: true };
  // Before the start, or in a gap the plan leaves (it leaves none today): the latest slide begun.
  const begun = slides.filter((slide) => slide.startSeconds <= elapsedSeconds).at(-1);
  return { slide: begun ?? first, over: false };
}

/** The schedule line for `elapsedSeconds` into the session, with the slide on screen (if known). */
export function scheduleNow(slides: readonly SummarySlide[], elapsedSeconds: number, current: SummarySlide | undefined): ScheduleNow | undefined {
  const planned = scheduledSlide(slides, elapsedSeconds);
  if (!planned) return undefined;
  const { slide, over } = planned;
  const name = `slide ${slideNumber(slide)} “${slide.title}”`;
  if (over) {
    const end = slide.startSeconds + slide.plannedSeconds;
    const minutes = Math.round((elapsedSeconds - end) / 60);
    const ago = minutes < 1 ? 'just now' : `${minutes} min ago`;
    const where = current ? ` (you are on ${slideNumber(current)})` : '';
    return { slide, over, state: 'behind', text: `Schedule: the plan ended ${ago}, on ${name}${where}` };
  }
  if (!current) return { slide, over, state: 'on-time', text: `Schedule: ${name} now` };
  if (current.index === slide.index) return { slide, over, state: 'on-time', text: `Schedule: ${name} now (you are on it)` };
  const pace = pacing(elapsedSeconds, current.startSeconds, current.plannedSeconds);
  return { slide, over, state: pace.state, text: `Schedule: ${name} now (you are on ${slideNumber(current)}, ${pace.text})` };
}
