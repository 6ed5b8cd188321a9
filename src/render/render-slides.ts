import type { ActivityBlock, Block, Deck, DeckMeta, Slide } from '../model/deck.js';
import { formatDuration } from '../model/duration.js';
import type { Schedule } from '../model/schedule.js';
import { attributeReferences, replaceReferences } from '../deck/html-references.js';
import { colourCodeIn } from './code-budget.js';
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

/** Where a local file the deck names ends up, relative to the page; undefined keeps the URL. */
export type AssetUrl = (url: string) => string | undefined;

/**
 * Each slide's `<section>`. `assetUrl` points the section's background files
 * (`data-background-image` …) at their copies, as the markdown renderer does for the content.
 */
export function renderSlideSections(deck: Deck, schedule: Schedule, render: RenderTokens, cache?: SectionCache, assetUrl?: AssetUrl): RenderedSlide[] {
  return deck.slides.map((slide) => {
    // Whether code is coloured is the whole deck's decision: a slide's HTML depends on it.
    const stamp = cache ? JSON.stringify([cache.key, slide.index, slide.h, slide.v, schedule.entries[slide.index]?.seconds, slide.attributes, slide.generated ? deck.meta : null, colourCodeIn(deck)]) : '';
    const hit = cache?.sections.get(slide.blocks);
    const html = hit && hit.stamp === stamp ? hit.html : renderSlide(slide, deck.meta, schedule, render, assetUrl);
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

function renderSlide(slide: Slide, meta: DeckMeta, schedule: Schedule, render: RenderTokens, assetUrl?: AssetUrl): string {
  const seconds = schedule.entries[slide.index]?.seconds;
  const attributes = renderAttributes({
    ...(assetUrl ? copiedBackgrounds(slide.attributes, assetUrl) : slide.attributes),
    'data-timing': seconds === undefined ? undefined : Math.round(seconds),
    'data-lectern-line': slide.generated ? undefined : slide.position.line,
    'data-lectern-slide': slide.index,
  });
  const body = slide.generated === 'title' ? renderTitleSlide(meta, slide.title) : renderBlocks(slide.blocks, render);
  const chrome = renderChrome(slide, render);
  const notes = slide.notes.length > 0 ? `\n<aside class="notes">${slide.notes.map((b) => render(b.tokens)).join('\n')}</aside>` : '';
  return `<section${attributes}>\n${body}${chrome}${notes}\n</section>`;
}

/** The section's attributes with each background file (also in a comma list) pointing at its copy. */
function copiedBackgrounds(attributes: Readonly<Record<string, string>>, assetUrl: AssetUrl): Record<string, string> {
  const copied: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) {
    copied[name] = replaceReferences(value, attributeReferences('section', name, value), assetUrl);
  }
  return copied;
}

/** Marp's header, footer and page number: drawn on the slide, in the page and in print alike. */
function renderChrome(slide: Slide, render: RenderTokens): string {
  const { header, footer, pageNumber } = slide.chrome ?? {};
  return [
    header ? `\n<header class="lectern-slide-header">${render(header.tokens)}</header>` : '',
    footer ? `\n<footer class="lectern-slide-footer">${render(footer.tokens)}</footer>` : '',
    pageNumber ? `\n<span class="lectern-page-number">${slide.index + 1}</span>` : '',
  ].join('');
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
  // A name that starts with the visible label (WCAG 2.5.3, for speech input) and says it in words.
  const button = (action: string, label: string, title: string, name?: string) =>
    `<button type="button" class="lectern-timer__button" data-action="${action}" title="${title}"${name ? ` aria-label="${name}"` : ''}>${label}</button>`;
  // role="timer" and the display stay silent (aria-live off): a screen reader is told the time at each
  // minute mark, and when it is up, by the two live regions, which the page has from the start.
  return `
<div class="lectern-timer" data-state="idle" role="timer" aria-live="off" aria-label="Activity timer">
<output class="lectern-timer__display" aria-live="off">${display}</output>
<div class="lectern-timer__status">Ready</div>
<div class="lectern-timer__controls">${button('toggle', 'Start', 'Start or pause (T)')}${button('reset', 'Reset', 'Reset (R)')}${button('minus', '−1 min', 'One minute less (−)', '−1 min, one minute less')}${button('plus', '+1 min', 'One minute more (+)', '+1 min, one minute more')}</div>
<div class="lectern-timer__announcer" role="status" aria-live="polite" aria-atomic="true"></div>
<div class="lectern-timer__announcer" role="alert" aria-live="assertive" aria-atomic="true"></div>
</div>`;
}
