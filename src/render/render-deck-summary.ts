import type { Deck } from '../model/deck.js';
import type { Schedule } from '../model/schedule.js';
import type { DeckSummary } from '../server/protocol.js';
import { colourCodeIn } from './code-budget.js';
import { createMarkdownRenderer, type MarkdownRenderOptions } from './markdown-renderer.js';

/** What the presenter view needs of a deck: titles, notes as HTML, the plan. */
export function renderDeckSummary(deck: Deck, schedule: Schedule, options: MarkdownRenderOptions = {}): DeckSummary {
  // Notes show code once, at its last step: the presenter reads them, nobody steps through them.
  const render = createMarkdownRenderer({ ...options, codeSteps: 'final', colourCode: colourCodeIn(deck) });
  const summary: DeckSummary = {
    slug: deck.slug,
    title: deck.meta.title ?? deck.slug,
    totalSeconds: schedule.totalSeconds,
    slides: deck.slides.map((slide) => {
      const entry = schedule.entries[slide.index];
      return {
        index: slide.index,
        h: slide.h,
        v: slide.v,
        title: slide.title,
        line: slide.position.line,
        notesHtml: slide.notes.map((block) => render(block.tokens)).join('\n'),
        plannedSeconds: entry?.seconds ?? 0,
        startSeconds: entry?.startSeconds ?? 0,
        activities: entry?.activities ?? [],
      };
    }),
  };
  if (schedule.durationSeconds !== undefined) summary.durationSeconds = schedule.durationSeconds;
  return summary;
}
