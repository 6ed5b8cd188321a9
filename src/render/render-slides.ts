import type { ActivityBlock, Block, Deck, DeckMeta, Slide } from '../model/deck.js';
import { formatDuration } from '../model/duration.js';
import type { Schedule } from '../model/schedule.js';
import { escapeHtml, renderAttributes } from './escape.js';
import type { Token } from 'marked';

export type RenderTokens = (tokens: Token[]) => string;

/** One slide's `<section>`, with its place in the deck: the live server diffs these. */
export interface RenderedSlide {
  index: number;
  h: number;
  v: number;
  html: string;
}

/**
 * Sections rendered before, by the slide's blocks (shared by every parse that reuses the slide):
 * the live server renders only the slides an edit changed. `key` covers what else shapes a
 * slide's HTML (theme, diagrams, copied files); a different key renders everything again.
 */
export interface SectionCache {
  key: string;
  sections: WeakMap<object, { stamp: string; html: string }>;
}

export function renderSlideSections(deck: Deck, schedule: Schedule, render: RenderTokens, cache?: SectionCache): RenderedSlide[] {
  return deck.slides.map((slide) => {
    const stamp = cache ? JSON.stringify([cache.key, slide.index, slide.h, slide.v, schedule.entries[slide.index]?.seconds, slide.attributes, slide.generated ? deck.meta : null]) : '';
    const hit = cache?.sections.get(slide.blocks);
    const html = hit && hit.stamp === stamp ? hit.html : renderSlide(slide, deck.meta, schedule, render);
    cache?.sections.set(slide.blocks, { stamp, html });
    return { index: slide.index, h: slide.h, v: slide.v, html };
  });
}

/** The `.slides` content: vertical slides are wrapped in their stack's section. */
export function joinSlideSections(sections: readonly RenderedSlide[]): string {
  const stacks = new Map<number, string[]>();
  for (const section of sections) stacks.set(section.h, [...(stacks.get(section.h) ?? []), section.html]);
  return [...stacks.values()].map((stack) => (stack.length === 1 ? (stack[0] ?? '') : `<section>\n${stack.join('\n')}\n</section>`)).join('\n');
}

/** The `<section>` elements of a deck. */
export function renderSlides(deck: Deck, schedule: Schedule, render: RenderTokens): string {
  return joinSlideSections(renderSlideSections(deck, schedule, render));
}

function renderSlide(slide: Slide, meta: DeckMeta, schedule: Schedule, render: RenderTokens): string {
  const seconds = schedule.entries[slide.index]?.seconds;
  const attributes = renderAttributes({
    ...slide.attributes,
    'data-timing': seconds === undefined ? undefined : Math.round(seconds),
    'data-lectern-line': slide.generated ? undefined : slide.position.line,
    'data-lectern-slide': slide.index,
  });
  const body = slide.generated === 'title' ? renderTitleSlide(meta, slide.title) : renderBlocks(slide.blocks, render);
  const notes = slide.notes.length > 0 ? `\n<aside class="notes">${slide.notes.map((b) => render(b.tokens)).join('\n')}</aside>` : '';
  return `<section${attributes}>\n${body}${notes}\n</section>`;
}

/** Slide content: markdown and activities; handout blocks stay off the slides. */
export function renderBlocks(blocks: readonly Block[], render: RenderTokens): string {
  return blocks
    .map((block) => {
      if (block.kind === 'markdown') return render(block.tokens);
      if (block.kind === 'activity') return renderActivity(block, render);
      return '';
    })
    .join('\n');
}

export function renderTitleSlide(meta: DeckMeta, title: string): string {
  const course = [meta.course, meta.module ? `Module ${meta.module}` : undefined].filter(Boolean).join(' · ');
  const parts = [
    course ? `<p class="lectern-title-slide__course">${escapeHtml(course)}</p>` : '',
    `<h1>${escapeHtml(title)}</h1>`,
    meta.subtitle ? `<p class="lectern-title-slide__subtitle">${escapeHtml(meta.subtitle)}</p>` : '',
    meta.author ? `<p class="lectern-title-slide__author">${escapeHtml(meta.author)}</p>` : '',
  ];
  return parts.filter(Boolean).join('\n');
}

/** The activity panel: title, planned time, instructions and (with a time) a countdown timer. */
export function renderActivity(activity: ActivityBlock, render: RenderTokens): string {
  const seconds = activity.durationSeconds;
  const instructions = renderBlocks(activity.children, render);
  const planned = seconds === undefined ? '' : `<span class="lectern-activity__planned">${formatDuration(seconds)}</span>`;
  const timer = seconds === undefined ? '' : renderTimer(seconds);
  return `<div class="lectern-activity" id="activity-${escapeHtml(activity.id)}"${renderAttributes({
    'data-activity-id': activity.id,
    'data-duration': seconds,
  })}>
<div class="lectern-activity__header"><span class="lectern-activity__label">Activity</span><h3 class="lectern-activity__title">${escapeHtml(activity.title)}</h3>${planned}</div>
<div class="lectern-activity__main">
<div class="lectern-activity__body">${instructions}</div>${timer}
</div>
</div>`;
}

function renderTimer(seconds: number): string {
  const display = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  const button = (action: string, label: string, title: string) =>
    `<button type="button" class="lectern-timer__button" data-action="${action}" title="${title}">${label}</button>`;
  return `
<div class="lectern-timer" data-state="idle" role="timer" aria-label="Activity timer">
<output class="lectern-timer__display" aria-live="off">${display}</output>
<div class="lectern-timer__status">Ready</div>
<div class="lectern-timer__controls">${button('toggle', 'Start', 'Start or pause (T)')}${button('reset', 'Reset', 'Reset (R)')}${button('minus', '−1 min', 'One minute less (−)')}${button('plus', '+1 min', 'One minute more (+)')}</div>
</div>`;
}
